#include "cli/SyncCommand.h"

#include "client/SyncAccount.h"
#include "client/SyncClient.h"
#include "client/SyncServerApi.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "replication/Replica.h"
#include "replication/ReplicaReset.h"
#include "replication/SyncProblems.h"
#include "mutations/MutationRegistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSysInfo>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <optional>

namespace outpost::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

// Runs the event loop until `done` is true (this is the CLI's top-level loop, not a nested one).
void runUntil(const std::function<bool()>& done)
{
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    tick.start(20);
    if (!done())
        loop.exec();
}

// "ab:cd…", "AB CD …" and "abcd…" name the same fingerprint.
QString normalisedFingerprint(QString f)
{
    f.remove(QLatin1Char(':'));
    f.remove(QLatin1Char(' '));
    return f.toUpper();
}

class SyncCommand
{
    Q_DECLARE_TR_FUNCTIONS(SyncCommand)
public:
    explicit SyncCommand(Host& host) : m_host(host) {}

    int run(const QStringList& args);

private:
    int signIn(const Args& a);
    int sync(const Args& a);
    int status(const Args& a);
    int signOut(const Args& a);

    // The profile and its account; on failure the reason is printed and `exitCode` set.
    bool openSignedIn(const Args& a, int* exitCode);
    Result<QString> readToken();
    Status writeToken(const QString& token);

    Host& m_host;
    std::unique_ptr<Workspace> m_ws;
    SyncAccount m_account;
};

int SyncCommand::run(const QStringList& args)
{
    auto a = m_host.parse(args,
                          {QStringLiteral("profile"), QStringLiteral("server"), QStringLiteral("team"), QStringLiteral("user"),
                           QStringLiteral("device"), QStringLiteral("totp"), QStringLiteral("trust")},
                          {QStringLiteral("passphrase-stdin"), QStringLiteral("watch"), QStringLiteral("json"),
                           QStringLiteral("wipe")});
    if (!a)
        return ExitUsage;
    const QString sub = a->positional.isEmpty() ? QStringLiteral("run") : a->positional.first();
    if (a->positional.size() > 1)
        return m_host.usage(tr("unexpected argument \"%1\"").arg(a->positional.at(1)));
    if (sub == QLatin1String("signin"))
        return signIn(*a);
    if (sub == QLatin1String("run"))
        return sync(*a);
    if (sub == QLatin1String("status"))
        return status(*a);
    if (sub == QLatin1String("signout"))
        return signOut(*a);
    return m_host.usage(tr("unknown command \"sync %1\"").arg(sub));
}

Result<QString> SyncCommand::readToken()
{
    std::optional<Result<QString>> token;
    SyncAccount::readRefreshToken(m_ws->info(), m_ws->database(), m_host.keychain(),
                                  [&](Result<QString> t) { token.emplace(std::move(t)); });
    runUntil([&] { return token.has_value(); });
    return std::move(*token);
}

Status SyncCommand::writeToken(const QString& token)
{
    std::optional<Status> written;
    SyncAccount::writeRefreshToken(m_ws->info(), m_ws->database(), m_host.keychain(), token,
                                   [&](Status s) { written.emplace(std::move(s)); });
    runUntil([&] { return written.has_value(); });
    return *written;
}

int SyncCommand::signIn(const Args& a)
{
    const QUrl url(a.options.value(QStringLiteral("server")));
    const QString team = a.options.value(QStringLiteral("team"));
    const QString user = a.options.value(QStringLiteral("user"));
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return m_host.usage(tr("--server must be the server's https:// address, e.g. https://sync.example.com:8443"));
    if (team.isEmpty() || user.isEmpty())
        return m_host.usage(tr("--team and --user are required"));
    int code = ExitOk;
    m_ws = m_host.openProfile(a, &code);
    if (!m_ws)
        return code;
    const std::optional<QString> password = m_host.readLine();
    if (!password || password->isEmpty())
        return m_host.fail(ExitUsage, tr("give the password on standard input (never on the command line)"));

    auto loaded = SyncAccount::load(m_ws->database());
    if (!loaded)
        return m_host.fail(ExitFailure, loaded.message());
    m_account = loaded.value();
    if (m_account.serverUrl != url)
        m_account.certificatePem.clear(); // a pin belongs to its server
    m_account.serverUrl = url;
    m_account.team = team;
    m_account.userName = user;
    m_account.deviceName = a.options.value(QStringLiteral("device"),
                                           tr("%1 (outpost-cli)").arg(QSysInfo::machineHostName()));

    // Trust on first use, as the desktop does: a certificate from an unknown issuer is pinned only when
    // the user confirms its fingerprint (outpost-server cert prints it) with --trust.
    SyncServerApi api;
    api.setServer(url, m_account.pinnedCertificates());
    std::optional<SyncServerApi::Probe> probe;
    api.probe([&](const SyncServerApi::Probe& p) { probe = p; });
    runUntil([&] { return probe.has_value(); });
    if (!probe->trusted) {
        if (!probe->reached)
            return m_host.fail(ExitFailure, probe->error.isEmpty() ? tr("cannot reach the server") : probe->error);
        if (probe->certificate.isNull() || !SyncServerApi::onlyUntrustedIssuer(probe->sslErrors))
            return m_host.fail(ExitFailure, tr("the server's certificate cannot be used: %1 Check the address (the "
                                               "certificate must name this host) or ask your administrator.")
                                                .arg(probe->error));
        const QString fingerprint = SyncServerApi::fingerprint(probe->certificate);
        const QString given = a.options.value(QStringLiteral("trust"));
        if (given.isEmpty()) {
            m_host.print(tr("SHA-256 %1").arg(fingerprint));
            return m_host.fail(ExitFailure,
                               m_account.certificatePem.isEmpty()
                                   ? tr("this computer does not know who issued the server's certificate (a self-signed "
                                        "certificate, usual for a team's own server). Compare the fingerprint above with "
                                        "the one your administrator gave you and, if they match, sign in again with "
                                        "--trust FINGERPRINT")
                                   : tr("the server's certificate has CHANGED since this profile trusted it: a new "
                                        "certificate, or someone intercepting the connection. Sign in again with --trust "
                                        "FINGERPRINT only if your administrator confirms the fingerprint above"));
        }
        if (normalisedFingerprint(given) != normalisedFingerprint(fingerprint)) {
            m_host.print(tr("SHA-256 %1").arg(fingerprint));
            return m_host.fail(ExitFailure, tr("the fingerprint given with --trust is not the server's (above); "
                                               "nothing was trusted"));
        }
        m_account.certificatePem = probe->certificate.toPem();
    }

    SyncClient client(m_ws->database(), m_ws->mutations());
    client.setServer(url, m_account.pinnedCertificates());
    std::optional<QString> failure;
    bool done = false;
    bool codeRequired = false;
    QObject::connect(&client, &SyncClient::signedIn, &client, [&](const wire::Session& s) {
        m_account.userId = s.userId;
        m_account.role = s.role;
        m_account.teamId = s.teamId;
        if (!s.userName.isEmpty())
            m_account.userName = s.userName;
        done = true;
    });
    QObject::connect(&client, &SyncClient::signInFailed, &client, [&](const QString& m) {
        failure = m;
        done = true;
    });
    QObject::connect(&client, &SyncClient::secondFactorRequired, &client, [&] {
        codeRequired = true;
        done = true;
    });
    QString totp = a.options.value(QStringLiteral("totp"));
    client.signIn(team, user, *password, totp, m_account.deviceName);
    runUntil([&] { return done; });
    if (codeRequired && totp.isEmpty()) {
        // The account has a second factor: the code is the next line of standard input, asked for only now.
        m_host.print(tr("This account uses two-factor authentication: enter the code from your authenticator app."));
        const std::optional<QString> line = m_host.readLine();
        if (!line || line->trimmed().isEmpty())
            return m_host.fail(ExitUsage, tr("this account needs its authenticator code: give it on the line after the "
                                             "password on standard input, or with --totp CODE"));
        totp = line->trimmed();
        done = codeRequired = false;
        client.signIn(team, user, *password, totp, m_account.deviceName);
        runUntil([&] { return done; });
    }
    if (codeRequired)
        return m_host.fail(ExitFailure, tr("the server still asks for the authenticator code"));
    if (failure)
        return m_host.fail(ExitFailure, *failure);
    if (Status s = m_account.save(m_ws->database()); !s)
        return m_host.fail(ExitFailure, s.message());
    if (Status s = writeToken(client.session().refreshToken); !s)
        return m_host.fail(ExitFailure, s.message());
    m_host.print(tr("Signed in to %1 as %2 (%3) on team %4. Run \"outpost-cli sync\" to sync.")
                     .arg(url.toString(), m_account.userName, m_account.role, team));
    return ExitOk;
}

bool SyncCommand::openSignedIn(const Args& a, int* exitCode)
{
    m_ws = m_host.openProfile(a, exitCode);
    if (!m_ws)
        return false;
    auto loaded = SyncAccount::load(m_ws->database());
    if (!loaded) {
        *exitCode = m_host.fail(ExitFailure, loaded.message());
        return false;
    }
    m_account = loaded.value();
    return true;
}

int SyncCommand::sync(const Args& a)
{
    int code = ExitOk;
    if (!openSignedIn(a, &code))
        return code;
    if (!m_account.isConfigured())
        return m_host.fail(ExitFailure, tr("this profile is not signed in to a team server; run \"outpost-cli sync "
                                           "signin\" first"));
    auto token = readToken();
    if (!token)
        return m_host.fail(ExitFailure, token.message());
    if (token->isEmpty())
        return m_host.fail(ExitFailure, tr("this device's sign-in has ended; run \"outpost-cli sync signin\" again"));

    SyncClient client(m_ws->database(), m_ws->mutations());
    client.setServer(m_account.serverUrl, m_account.pinnedCertificates());
    wire::Session session;
    session.refreshToken = token.value();
    session.userId = m_account.userId;
    session.userName = m_account.userName;
    session.role = m_account.role;
    session.teamId = m_account.teamId;
    client.setSession(session);
    if (!m_account.userId.isEmpty())
        m_ws->mutations().setActor(m_account.userId);

    // A rotated refresh token must be stored before the old one is forgotten: the old one is dead.
    int writing = 0;
    QString writeError;
    QObject::connect(&client, &SyncClient::sessionChanged, &client, [&](const wire::Session& s) {
        ++writing;
        SyncAccount::writeRefreshToken(m_ws->info(), m_ws->database(), m_host.keychain(), s.refreshToken, [&](Status st) {
            --writing;
            if (!st)
                writeError = st.message();
        });
    });
    QString endedReason;
    QObject::connect(&client, &SyncClient::signedOut, &client, [&](const QString& reason) { endedReason = reason; });
    const QLocale locale;
    int lastPercent = -1;
    QObject::connect(&client, &SyncClient::bootstrapProgress, &client, [&](qint64 done, qint64 total, bool finishing) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (finishing) {
            m_host.print(tr("First sync: %1 rows received; building the search index…").arg(locale.toString(done)));
        } else if (percent != lastPercent) {
            m_host.print(tr("First sync: %1% (%2 of about %3 rows)")
                             .arg(percent)
                             .arg(locale.toString(done), locale.toString(total)));
        }
        lastPercent = percent;
    });
    bool finished = false;
    bool ok = false;
    QString message;
    QObject::connect(&client, &SyncClient::synced, &client, [&](bool success, const QString& m) {
        finished = true;
        ok = success;
        message = m;
        if (a.flags.contains(QStringLiteral("watch"))) {
            const auto& st = client.lastStats();
            m_host.print(success ? tr("%1 synced: %2 sent, %3 received, %4 refused, %5 conflicts")
                                       .arg(QDateTime::currentDateTime().toString(Qt::ISODate))
                                       .arg(st.pushed)
                                       .arg(st.pulledRows)
                                       .arg(st.rejected)
                                       .arg(st.conflicts)
                                 : tr("%1 not synced: %2").arg(QDateTime::currentDateTime().toString(Qt::ISODate), m));
        }
    });

    // Ctrl-C: a first sync stops after the page it is applying (the next run continues it); --watch ends.
    g_interrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    auto interrupted = [&] {
        if (g_interrupted && client.isBootstrapping())
            client.cancelBootstrap();
        return g_interrupted.load();
    };
    if (a.flags.contains(QStringLiteral("watch"))) {
        m_host.print(tr("Syncing with %1 until interrupted (Ctrl-C)…").arg(m_account.serverUrl.toString()));
        client.start();
        runUntil([&] { return (interrupted() && !client.isBootstrapping()) || !endedReason.isEmpty(); });
        client.stop();
        ok = endedReason.isEmpty();
        message = endedReason;
    } else {
        client.syncNow();
        runUntil([&] {
            interrupted();
            return finished;
        });
    }
    runUntil([&] { return writing == 0; });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!writeError.isEmpty())
        return m_host.fail(ExitFailure, tr("synced, but the new sign-in could not be stored: %1").arg(writeError));
    if (!ok)
        return m_host.fail(ExitFailure, message.isEmpty() ? tr("the sync did not finish") : message);
    if (!a.flags.contains(QStringLiteral("watch"))) {
        const auto& st = client.lastStats();
        m_host.print(tr("Synced with %1: %2 changes sent (%3 refused, %4 conflicts), %5 rows received, %6 still pending.")
                         .arg(m_account.serverUrl.toString())
                         .arg(st.pushed)
                         .arg(st.rejected)
                         .arg(st.conflicts)
                         .arg(st.pulledRows)
                         .arg(client.pendingCount()));
    }
    return ExitOk;
}

int SyncCommand::status(const Args& a)
{
    int code = ExitOk;
    if (!openSignedIn(a, &code))
        return code;
    Replica replica(m_ws->database(), MutationRegistry::standard(), RowCodecRegistry::standard());
    auto pending = replica.pendingCount();
    auto cursor = replica.cursor();
    auto bootstrap = replica.bootstrap();
    auto problems = SyncProblems(m_ws->database(), m_ws->mutations()).count();
    for (const Error* e : {pending ? nullptr : &pending.error(), cursor ? nullptr : &cursor.error(),
                           bootstrap ? nullptr : &bootstrap.error(), problems ? nullptr : &problems.error()}) {
        if (e)
            return m_host.fail(ExitFailure, e->message);
    }
    if (a.flags.contains(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("signedIn"), m_account.isConfigured()},
                      {QStringLiteral("pending"), pending.value()},
                      {QStringLiteral("cursor"), cursor.value()},
                      {QStringLiteral("problems"), problems.value()}};
        if (m_account.isConfigured()) {
            o.insert(QStringLiteral("server"), m_account.serverUrl.toString());
            o.insert(QStringLiteral("team"), m_account.team);
            o.insert(QStringLiteral("user"), m_account.userName);
            o.insert(QStringLiteral("role"), m_account.role);
        }
        if (bootstrap->running)
            o.insert(QStringLiteral("bootstrap"), QJsonObject{{QStringLiteral("done"), bootstrap->done},
                                                              {QStringLiteral("total"), bootstrap->total}});
        m_host.print(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        return ExitOk;
    }
    const QLocale locale;
    if (m_account.isConfigured())
        m_host.print(tr("Signed in to %1 as %2 (%3) on team %4.")
                         .arg(m_account.serverUrl.toString(), m_account.userName, m_account.role, m_account.team));
    else
        m_host.print(tr("Not signed in to a team server."));
    if (bootstrap->running)
        m_host.print(tr("First sync stopped at %1 of about %2 rows; \"outpost-cli sync\" continues it.")
                         .arg(locale.toString(bootstrap->done), locale.toString(bootstrap->total)));
    else if (cursor.value() == 0)
        m_host.print(tr("Never synced."));
    m_host.print(tr("%n change(s) waiting to be sent.", nullptr, int(pending.value())));
    m_host.print(tr("%n sync problem(s) to look at.", nullptr, int(problems.value())));
    return ExitOk;
}

int SyncCommand::signOut(const Args& a)
{
    int code = ExitOk;
    if (!openSignedIn(a, &code))
        return code;
    auto token = readToken();
    if (!token)
        return m_host.fail(ExitFailure, token.message());
    if (!token->isEmpty() && m_account.isConfigured()) {
        // Best effort, as in the desktop: the server revokes this device's tokens; offline, they expire.
        SyncServerApi api;
        api.setServer(m_account.serverUrl, m_account.pinnedCertificates());
        bool done = false;
        api.post(QStringLiteral("/v1/auth/refresh"),
                 QJsonObject{{QStringLiteral("refreshToken"), token.value()},
                             {QStringLiteral("deviceId"), m_ws->mutations().deviceId()}},
                 [&](const QJsonObject& json, const QString& error) {
                     if (!error.isEmpty()) {
                         done = true;
                         return;
                     }
                     api.setAccessToken(json.value(QStringLiteral("accessToken")).toString());
                     api.post(QStringLiteral("/v1/auth/logout"), {}, [&](const QJsonObject&, const QString&) { done = true; });
                 });
        runUntil([&] { return done; });
    }
    std::optional<Status> removed;
    SyncAccount::removeRefreshToken(m_ws->info(), m_ws->database(), m_host.keychain(),
                                    [&](Status s) { removed.emplace(std::move(s)); });
    runUntil([&] { return removed.has_value(); });
    if (!*removed)
        return m_host.fail(ExitFailure, removed->message());
    if (a.flags.contains(QStringLiteral("wipe"))) {
        if (Status s = ReplicaReset::wipe(m_ws->database()); !s)
            return m_host.fail(ExitFailure, tr("signed out, but the team's data could not be removed: %1").arg(s.message()));
        if (Status s = SyncAccount::clear(m_ws->database()); !s)
            return m_host.fail(ExitFailure, s.message());
        m_host.print(tr("Signed out; the team's data was removed from this device."));
    } else {
        m_host.print(tr("Signed out; the data stays on this device."));
    }
    return ExitOk;
}

} // namespace

Command syncCommand()
{
    return Command{
        QStringLiteral("sync"),
        SyncCommand::tr("  sync signin --profile DIR --server URL --team TEAM --user LOGIN [--totp CODE]\n"
                        "              [--device NAME] [--trust FINGERPRINT] [--passphrase-stdin]\n"
                        "                      sign in to the team server (password on standard input; an account\n"
                        "                      with two-factor authentication is then asked for its code on the\n"
                        "                      next line, unless --totp gave it); a self-signed certificate is\n"
                        "                      trusted only with its --trust fingerprint\n"
                        "  sync --profile DIR [--watch] [--passphrase-stdin]\n"
                        "                      push local changes and pull the team's (the first sync downloads\n"
                        "                      a snapshot, with progress; Ctrl-C stops it, the next run goes on);\n"
                        "                      --watch keeps syncing on every change until interrupted\n"
                        "  sync status --profile DIR [--json]   sign-in, pending changes, first-sync progress\n"
                        "  sync signout --profile DIR [--wipe]  end the session; --wipe removes the team's data\n"),
        [](const QStringList& args, Host& host) { return SyncCommand(host).run(args); }};
}

} // namespace outpost::cli
