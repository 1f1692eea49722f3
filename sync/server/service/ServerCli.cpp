#include "service/ServerCli.h"

#include "auth/SelfSignedCertificate.h"
#include "service/AccountService.h"
#include "service/ServerApp.h"
#include "service/ServerStorage.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QTextStream>

#include <csignal>
#include <optional>
#include <pthread.h>

namespace outpost::server {

namespace {

class ServerCli
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::ServerCli)
public:
    ServerCli(FILE* in, FILE* out, FILE* err) : m_in(in), m_out(out), m_err(err) {}

    int run(QStringList args)
    {
        if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("help")) {
            print(usageText());
            return args.isEmpty() ? 2 : 0;
        }
        if (args.first() == QLatin1String("--version")) {
            print(QStringLiteral("outpost-server %1").arg(QCoreApplication::applicationVersion()));
            return 0;
        }
        const QString command = args.takeFirst();
        if (command == QLatin1String("serve"))
            return serve(args);
        if (command == QLatin1String("cert"))
            return cert(args);
        if (command == QLatin1String("init"))
            return init(args);
        if (command == QLatin1String("user") && !args.isEmpty())
            return user(args.takeFirst(), args);
        if (command == QLatin1String("device") && !args.isEmpty())
            return device(args.takeFirst(), args);
        if (command == QLatin1String("backup"))
            return backup(args);
        return usage(tr("unknown command \"%1\"").arg(command));
    }

private:
    static QString usageText()
    {
        return tr("usage: outpost-server COMMAND [options]\n"
                  "  serve STORE [--config FILE] [--bind ADDR] [--port N] [--cert FILE --key FILE] [--workers N]\n"
                  "        [--cache-mib N]             page cache of a team database's connections together (default 48)\n"
                  "        [--max-body-bytes N]        largest request body taken (default 16 MiB; larger: 413)\n"
                  "  cert --out DIR [--host NAME]...     make a self-signed certificate for a local trial\n"
                  "  init STORE --team NAME --owner LOGIN [--name NAME]     (password on stdin)\n"
                  "  user add STORE --team NAME --login LOGIN --role ROLE [--name NAME]  (password on stdin)\n"
                  "  user list|disable|enable|reset-2fa STORE --team NAME [--login LOGIN]\n"
                  "  device list STORE --team NAME\n"
                  "  device revoke STORE --team NAME --device ID\n"
                  "  backup --data DIR --to DIR [--secret-key-to FILE]\n"
                  "                                    a consistent copy of every SQLite database, while the server runs;\n"
                  "                                    the secret key only where --secret-key-to says\n"
                  "STORE: --data DIR (embedded SQLite, the default) or --database postgresql://USER:PASSWORD@HOST:PORT/DB\n"
                  "       (PostgreSQL; keep the password off the command line: ~/.pgpass or PGPASSWORD, or for serve the\n"
                  "       config key \"database\"), and optionally --secret-key FILE: the key that seals two-factor secrets\n"
                  "       (default DIR/secret.key; required with PostgreSQL; made 0600 by init or serve if the store never\n"
                  "       had one; back it up, the secrets cannot be opened without it)\n"
                  "roles: owner, admin, manager, sales, support, finance, compliance");
    }

    using Options = QHash<QString, QStringList>;
    std::optional<Options> parse(const QStringList& args, const QStringList& known)
    {
        Options o;
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString a = args.at(i);
            if (!a.startsWith(QLatin1String("--")) || !known.contains(a.mid(2))) {
                usage(tr("unexpected argument \"%1\"").arg(a));
                return std::nullopt;
            }
            if (i + 1 >= args.size()) {
                usage(tr("%1 needs a value").arg(a));
                return std::nullopt;
            }
            o[a.mid(2)].append(args.at(++i));
        }
        return o;
    }

    int usage(const QString& message)
    {
        printErr(tr("outpost-server: %1").arg(message));
        printErr(usageText());
        return 2;
    }
    int fail(const Error& e)
    {
        printErr(tr("outpost-server: %1").arg(e.message));
        return e.code == ErrorCode::NotFound ? 3 : 1;
    }
    void print(const QString& s) { std::fprintf(m_out, "%s\n", qPrintable(s)); std::fflush(m_out); }
    void printErr(const QString& s) { std::fprintf(m_err, "%s\n", qPrintable(s)); std::fflush(m_err); }

    std::optional<QString> readPassword()
    {
        QTextStream in(m_in);
        const QString line = in.readLine();
        if (line.isEmpty()) {
            printErr(tr("outpost-server: give the password on standard input (one line)."));
            return std::nullopt;
        }
        return line;
    }

    static ServerStorage storageOf(const Options& o)
    {
        return {o.value(QStringLiteral("data")).value(0), o.value(QStringLiteral("database")).value(0),
                o.value(QStringLiteral("secret-key")).value(0)};
    }

    // --data DIR or --database URL, for the admin commands.
    std::unique_ptr<Database> openAccounts(const Options& o, Error* error)
    {
        const ServerStorage storage = storageOf(o);
        auto db = storage.openAccounts();
        if (!db) {
            *error = db.error();
            return nullptr;
        }
        return std::move(db.value());
    }

    int serve(const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("data"), QStringLiteral("database"), QStringLiteral("secret-key"), QStringLiteral("config"), QStringLiteral("bind"),
                              QStringLiteral("port"), QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("workers"),
                              QStringLiteral("cache-mib"), QStringLiteral("max-body-bytes")});
        if (!o)
            return 2;
        ServerConfig config;
        if (o->contains(QStringLiteral("config"))) {
            auto loaded = ServerConfig::load(o->value(QStringLiteral("config")).constLast());
            if (!loaded)
                return fail(loaded.error());
            config = loaded.value();
        }
        auto last = [&](const char* k) { return o->value(QLatin1String(k)).isEmpty() ? QString() : o->value(QLatin1String(k)).constLast(); };
        if (!last("data").isEmpty())
            config.dataDir = last("data");
        if (!last("database").isEmpty())
            config.databaseUrl = last("database");
        if (!last("secret-key").isEmpty())
            config.secretKeyFile = last("secret-key");
        if (!last("bind").isEmpty())
            config.bindAddress = last("bind");
        if (!last("cert").isEmpty())
            config.certificateFile = last("cert");
        if (!last("key").isEmpty())
            config.privateKeyFile = last("key");
        if (!last("port").isEmpty()) {
            bool ok = false;
            const uint p = last("port").toUInt(&ok);
            if (!ok || p > 65535)
                return usage(tr("--port must be a number from 0 to 65535"));
            config.port = quint16(p);
        }
        if (!last("workers").isEmpty()) {
            bool ok = false;
            const int w = last("workers").toInt(&ok);
            if (!ok || w < 1 || w > 256)
                return usage(tr("--workers must be a number from 1 to 256"));
            config.workerThreads = w;
        }
        if (!last("cache-mib").isEmpty()) {
            bool ok = false;
            const int mib = last("cache-mib").toInt(&ok);
            if (!ok || mib < 1 || mib > (1 << 20))
                return usage(tr("--cache-mib must be a number of MiB from 1 to 1048576"));
            config.cacheMiB = mib;
        }
        if (!last("max-body-bytes").isEmpty()) {
            bool ok = false;
            const qint64 bytes = last("max-body-bytes").toLongLong(&ok);
            if (!ok || bytes < 1024 || bytes > (1LL << 30))
                return usage(tr("--max-body-bytes must be a number of bytes from 1024 to 1073741824"));
            config.maxBodyBytes = bytes;
        }
        if (config.certificateFile.isEmpty() || config.privateKeyFile.isEmpty())
            return usage(tr("a TLS certificate and key are required (--cert, --key; `outpost-server cert` makes a pair)"));

        // SIGINT/SIGTERM are taken by this thread only (blocked before any server thread starts).
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

        ServerApp app(config);
        if (Status s = app.start(); !s)
            return fail(s.error());
        // One JSON line saying where we listen (tests and service managers read it).
        print(QStringLiteral("{\"level\":\"info\",\"msg\":\"listening\",\"bind\":\"%1\",\"port\":%2}")
                  .arg(config.bindAddress)
                  .arg(app.port()));
        int sig = 0;
        sigwait(&stopSignals, &sig);
        print(QStringLiteral("{\"level\":\"info\",\"msg\":\"stopping\",\"signal\":%1}").arg(sig));
        app.stop();
        return 0;
    }

    int cert(const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("out"), QStringLiteral("host")});
        if (!o)
            return 2;
        const QString out = o->value(QStringLiteral("out")).value(0);
        if (out.isEmpty())
            return usage(tr("--out DIR is required"));
        QDir().mkpath(out);
        auth::SelfSignedCertificate::Options c;
        QStringList hosts = o->value(QStringLiteral("host"));
        if (hosts.isEmpty())
            hosts << QStringLiteral("localhost") << QStringLiteral("127.0.0.1");
        c.commonName = hosts.first();
        static const QRegularExpression ipv4(QStringLiteral("^\\d{1,3}(\\.\\d{1,3}){3}$"));
        for (const QString& h : hosts) {
            if (ipv4.match(h).hasMatch() || h.contains(QLatin1Char(':')))
                c.ipAddresses << h;
            else
                c.dnsNames << h;
        }
        const QString certPath = QDir(out).filePath(QStringLiteral("cert.pem"));
        const QString keyPath = QDir(out).filePath(QStringLiteral("key.pem"));
        if (Status s = auth::SelfSignedCertificate::generate(c, certPath, keyPath); !s)
            return fail(s.error());
        auto fp = auth::SelfSignedCertificate::sha256Fingerprint(certPath);
        print(tr("Certificate: %1\nKey: %2\nSHA-256 fingerprint: %3").arg(certPath, keyPath, fp ? fp.value() : QString()));
        return 0;
    }

    int init(const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("data"), QStringLiteral("database"), QStringLiteral("secret-key"), QStringLiteral("team"), QStringLiteral("owner"),
                              QStringLiteral("name")});
        if (!o)
            return 2;
        const QString team = o->value(QStringLiteral("team")).value(0);
        const QString owner = o->value(QStringLiteral("owner")).value(0);
        if (team.isEmpty() || owner.isEmpty())
            return usage(tr("--team and --owner are required"));
        auto password = readPassword();
        if (!password)
            return 1;
        Error e;
        auto db = openAccounts(*o, &e);
        if (!db)
            return fail(e);
        AccountService accounts(*db, Clock::system(), AccountService::Options());
        auto keyPath = storageOf(*o).secretKeyPath();
        if (!keyPath)
            return fail(keyPath.error());
        if (Status s = accounts.unlockSecrets(keyPath.value()); !s)
            return fail(s.error());
        auto u = accounts.initTeam(team, owner, o->value(QStringLiteral("name")).value(0), password.value());
        if (!u)
            return fail(u.error());
        print(tr("Team \"%1\" created; owner \"%2\".").arg(team, u->login));
        return 0;
    }

    int user(const QString& sub, const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("data"), QStringLiteral("database"), QStringLiteral("secret-key"), QStringLiteral("team"), QStringLiteral("login"),
                              QStringLiteral("role"), QStringLiteral("name")});
        if (!o)
            return 2;
        const QString team = o->value(QStringLiteral("team")).value(0);
        const QString login = o->value(QStringLiteral("login")).value(0);
        if (team.isEmpty())
            return usage(tr("--team is required"));
        if (sub != QLatin1String("list") && login.isEmpty())
            return usage(tr("--login is required"));
        std::optional<QString> password;
        if (sub == QLatin1String("add")) {
            password = readPassword();
            if (!password)
                return 1;
        }
        Error e;
        auto db = openAccounts(*o, &e);
        if (!db)
            return fail(e);
        AccountService accounts(*db, Clock::system(), AccountService::Options());
        if (sub == QLatin1String("add")) {
            auto u = accounts.addUser(team, login, o->value(QStringLiteral("name")).value(0),
                                      o->value(QStringLiteral("role")).value(0, QStringLiteral("sales")), password.value());
            if (!u)
                return fail(u.error());
            print(tr("User \"%1\" added as %2.").arg(u->login, u->role));
            return 0;
        }
        if (sub == QLatin1String("list")) {
            auto list = accounts.users(team);
            if (!list)
                return fail(list.error());
            for (const auto& u : list.value())
                print(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                          .arg(u.login, u.role, u.displayName, u.twoFactor ? tr("2FA") : tr("no 2FA"),
                               u.disabled ? tr("disabled") : tr("active")));
            return 0;
        }
        Status s;
        if (sub == QLatin1String("disable") || sub == QLatin1String("enable"))
            s = accounts.setDisabled(team, login, sub == QLatin1String("disable"));
        else if (sub == QLatin1String("reset-2fa"))
            s = accounts.resetTwoFactor(team, login);
        else
            return usage(tr("unknown user command \"%1\"").arg(sub));
        if (!s)
            return fail(s.error());
        print(tr("Done."));
        return 0;
    }

    // Copies accounts.db and every team database, each as of one moment, into a new folder. Safe while
    // the server serves: SQLite's online backup reads one snapshot and does not block writers.
    int backup(const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("data"), QStringLiteral("database"), QStringLiteral("secret-key"), QStringLiteral("to"),
                              QStringLiteral("secret-key-to")});
        if (!o)
            return 2;
        if (o->contains(QStringLiteral("database")))
            return fail(Error(ErrorCode::InvalidArgument,
                              tr("backup copies the embedded SQLite store. A server on PostgreSQL is backed up with "
                                 "PostgreSQL's tools: pg_dump --format=custom (a consistent copy while the server runs; "
                                 "restore with pg_restore), or continuous archiving for point-in-time recovery.")));
        const QString dataDir = o->value(QStringLiteral("data")).value(0);
        const QString to = o->value(QStringLiteral("to")).value(0);
        if (dataDir.isEmpty() || to.isEmpty())
            return usage(tr("--data DIR and --to DIR are required"));
        if (!QFileInfo::exists(QDir(dataDir).filePath(QStringLiteral("accounts.db"))))
            return fail(Error(ErrorCode::NotFound, tr("%1 holds no Outpost server data.").arg(dataDir)));
        if (QDir(to).exists() && !QDir(to).isEmpty())
            return fail(Error(ErrorCode::AlreadyExists, tr("%1 is not empty; a backup goes into a new folder.").arg(to)));
        if (!QDir().mkpath(QDir(to).filePath(QStringLiteral("teams"))))
            return fail(Error(ErrorCode::Io, tr("Cannot create %1.").arg(to)));

        QStringList files{QStringLiteral("accounts.db")};
        for (const QString& f : QDir(QDir(dataDir).filePath(QStringLiteral("teams"))).entryList({QStringLiteral("*.db")}, QDir::Files, QDir::Name))
            files << QStringLiteral("teams/") + f;
        for (const QString& f : files) {
            Database::Options opt;
            opt.path = QDir(dataDir).filePath(f);
            opt.mode = Database::OpenMode::OpenExisting;
            opt.readOnly = true;
            opt.migrations = f == QLatin1String("accounts.db") ? controlMigrations() : teamMigrations();
            auto db = Database::open(std::move(opt));
            if (!db)
                return fail(db.error());
            if (Status s = (*db)->backupTo(QDir(to).filePath(f)); !s)
                return fail(s.error());
            print(tr("%1: copied").arg(f));
        }
        // The key that seals the two-factor secrets is not put next to them: a backup that leaves the host would
        // carry both the sealed secrets and what opens them. It goes where --secret-key-to says, if anywhere.
        if (auto key = storageOf(*o).secretKeyPath(); key && QFileInfo::exists(key.value())) {
            const QString keyTo = o->value(QStringLiteral("secret-key-to")).value(0);
            if (keyTo.isEmpty()) {
                print(tr("The secret key %1 is not in the backup: keep a copy of it apart from the backups (without it, "
                         "restored accounts need user reset-2fa), or pass --secret-key-to FILE.").arg(key.value()));
            } else if (QFileInfo::exists(keyTo)) {
                return fail(Error(ErrorCode::AlreadyExists, tr("%1 exists; the key is copied to a new file.").arg(keyTo)));
            } else if (!QFile::copy(key.value(), keyTo) || !QFile::setPermissions(keyTo, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
                return fail(Error(ErrorCode::Io, tr("Cannot copy the secret key file %1 to %2.").arg(key.value(), keyTo)));
            } else {
                print(tr("secret key: copied to %1").arg(keyTo));
            }
        }
        print(tr("Backup complete in %1 (%n database(s)). Restore by stopping the server and using this folder as "
                 "its --data.", nullptr, int(files.size())).arg(to));
        return 0;
    }

    int device(const QString& sub, const QStringList& args)
    {
        auto o = parse(args, {QStringLiteral("data"), QStringLiteral("database"), QStringLiteral("secret-key"), QStringLiteral("team"), QStringLiteral("device")});
        if (!o)
            return 2;
        const QString team = o->value(QStringLiteral("team")).value(0);
        if (team.isEmpty())
            return usage(tr("--team is required"));
        Error e;
        auto db = openAccounts(*o, &e);
        if (!db)
            return fail(e);
        AccountService accounts(*db, Clock::system(), AccountService::Options());
        if (sub == QLatin1String("list")) {
            auto list = accounts.devices(team);
            if (!list)
                return fail(list.error());
            for (const auto& d : list.value())
                print(QStringLiteral("%1\t%2\t%3\t%4").arg(d.id, d.userLogin, d.name, d.revoked ? tr("revoked") : tr("active")));
            return 0;
        }
        if (sub == QLatin1String("revoke")) {
            const QString id = o->value(QStringLiteral("device")).value(0);
            if (id.isEmpty())
                return usage(tr("--device ID is required"));
            if (Status s = accounts.revokeDevice(team, id); !s)
                return fail(s.error());
            print(tr("Device %1 revoked; its sessions ended.").arg(id));
            return 0;
        }
        return usage(tr("unknown device command \"%1\"").arg(sub));
    }

    FILE* m_in;
    FILE* m_out;
    FILE* m_err;
};

} // namespace

int runServerCli(const QStringList& args, FILE* in, FILE* out, FILE* err)
{
    return ServerCli(in, out, err).run(args);
}

} // namespace outpost::server
