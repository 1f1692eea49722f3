// outpost_sync_screenshots <output-dir>
//
// Renders the team-sync UI offscreen against a real outpost-server (started like the integration tests
// do): the sign-in dialog with its certificate question and with an error, the main window's sync
// indicator and menu, the Sync problems panel and the two-factor set-up. Not a test: it asserts nothing.
#include "ServerProcess.h"

#include "client/SyncClient.h"
#include "contacts/ContactRepository.h"
#include "keys/MemoryKeyStore.h"
#include "profile/ProfileManager.h"
#include "profile/Workspace.h"
#include "shell/MainWindow.h"
#include "sync/SignInDialog.h"
#include "sync/SignOutDialog.h"
#include "sync/SyncController.h"
#include "sync/SyncProblemsDialog.h"
#include "sync/SyncStatusWidget.h"
#include "sync/TotpEnrolmentDialog.h"
#include "sync/QrCodeWidget.h"
#include "theme/Theme.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include "Wait.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextStream>

#include <optional>

using namespace outpost;
using outpost::test::waitUntil;

namespace {

QString g_out;

void settle()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}

void save(QWidget* w, const QString& name)
{
    settle();
    const QString path = QDir(g_out).filePath(name + QStringLiteral(".png"));
    if (!w->grab().save(path))
        QTextStream(stderr) << "could not write " << path << Qt::endl;
    else
        QTextStream(stdout) << path << Qt::endl;
}

std::unique_ptr<Workspace> create(ProfileManager& manager, const QString& dir)
{
    ProfileManager::NewProfile request;
    request.dir = dir;
    request.name = QStringLiteral("Northwind Sales");
    request.protection = KeyProtection::Keychain;
    std::optional<Result<std::unique_ptr<Workspace>>> result;
    manager.create(request, [&](Result<std::unique_ptr<Workspace>> r) { result.emplace(std::move(r)); });
    waitUntil([&] { return result.has_value(); });
    if (!result || !result->ok())
        return nullptr;
    return std::move(result->value());
}

void fill(SignInDialog* d, const QUrl& url, const QString& password)
{
    d->findChild<QLineEdit*>(QStringLiteral("signInServerEdit"))->setText(url.toString());
    d->findChild<QLineEdit*>(QStringLiteral("signInTeamEdit"))->setText(QStringLiteral("Acme Direct"));
    d->findChild<QLineEdit*>(QStringLiteral("signInUserEdit"))->setText(QStringLiteral("olga"));
    d->findChild<QLineEdit*>(QStringLiteral("signInPasswordEdit"))->setText(password);
    d->findChild<QLineEdit*>(QStringLiteral("signInDeviceEdit"))->setText(QStringLiteral("olga-laptop"));
}

} // namespace

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutpostScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("outpost-sync-screenshots"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    if (argc != 2) {
        QTextStream(stderr) << "usage: outpost_sync_screenshots <output-dir>" << Qt::endl;
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(g_out);
    Theme theme(app);
    theme.setMode(Theme::Mode::Light);

    const QString password = QStringLiteral("correct horse battery staple");
    test::ServerProcess server;
    auto init = server.admin({QStringLiteral("init"), QStringLiteral("--team"), QStringLiteral("Acme Direct"),
                              QStringLiteral("--owner"), QStringLiteral("olga")},
                             password + QLatin1Char('\n'));
    if (init.exitCode != 0 || !server.start()) {
        QTextStream(stderr) << "server: " << init.err << server.log() << Qt::endl;
        return 1;
    }

    QTemporaryDir tmp;
    MemoryKeyStore keychain;
    ProfileManager manager(&keychain);
    auto workspace = create(manager, tmp.filePath(QStringLiteral("northwind")));
    if (!workspace)
        return 1;
    for (const auto& [first, last] : {std::pair{"Zoë", "Müller"}, {"Ana", "Berg"}, {"Ben", "Okafor"}}) {
        (void)workspace->mutations().submit(
            QStringLiteral("contact.create"),
            QJsonObject{{QStringLiteral("id"), newUuidV7()},
                        {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QString::fromUtf8(first)},
                                                               {QStringLiteral("lastName"), QString::fromUtf8(last)}}}});
    }

    MainWindow window(workspace->info(), manager);
    window.attach(*workspace);
    window.resize(1180, 720);
    window.show();
    SyncController sync(*workspace, &keychain, window.syncStatus(), &window);
    window.setSyncController(&sync);
    save(&window, QStringLiteral("main-not-signed-in"));

    // Sign-in: a wrong password first, then the certificate question.
    sync.showSignIn();
    SignInDialog* d = sync.signInDialog();
    fill(d, server.url(), QStringLiteral("wrong"));
    save(d, QStringLiteral("signin-form"));
    d->findChild<QPushButton*>(QStringLiteral("signInButton"))->click();
    auto* trust = d->findChild<QPushButton*>(QStringLiteral("signInTrustButton"));
    waitUntil([&] { return trust->isVisible(); }, 30000);
    save(d, QStringLiteral("signin-certificate"));
    trust->click();
    auto* message = d->findChild<MessageLabel*>(QStringLiteral("signInMessage"));
    waitUntil([&] { return !message->text().isEmpty() && !d->isBusy(); }, 60000);
    save(d, QStringLiteral("signin-error"));
    d->findChild<QLineEdit*>(QStringLiteral("signInPasswordEdit"))->setText(password);
    QPointer<SignInDialog> guard(d);
    d->findChild<QPushButton*>(QStringLiteral("signInButton"))->click();
    waitUntil([&] { return !guard || !guard->isVisible(); }, 60000);
    // The first sync's snapshot progress, caught mid-way (pages of one row).
    // Then as it rebuilds the indexes (at the end, as after a stop).
    bool captured = false;
    bool capturedFinishing = false;
    if (SyncClient* client = sync.client()) {
        client->setSnapshotPageSize(1);
        QObject::connect(client, &SyncClient::bootstrapProgress, &window, [&](qint64, qint64, bool finishing) {
            if (!sync.bootstrapProgressDialog() || (finishing ? capturedFinishing : captured))
                return;
            (finishing ? capturedFinishing : captured) = true;
            save(sync.bootstrapProgressDialog(), finishing ? QStringLiteral("first-sync-finishing") : QStringLiteral("first-sync-progress"));
        });
    }
    waitUntil([&] { return window.syncStatus()->stateText().startsWith(QStringLiteral("Up to date")); }, 60000);

    // A conflict and a refused change, as sync would have delivered them.
    {
        const auto first = workspace->contacts().find(QString());
        Q_UNUSED(first);
        QSqlQuery q(workspace->database().connection());
        q.exec(QStringLiteral("SELECT id FROM contacts ORDER BY sort_key LIMIT 1"));
        q.next();
        const QString id = q.value(0).toString();
        QSqlQuery ins(workspace->database().connection());
        ins.exec(QStringLiteral("INSERT INTO sync_conflicts(id, entity, entity_id, field, mine, theirs, base, winner, loser, "
                                "mutation_id, at, resolved, updated_at, updated_by) VALUES('%1', 'contact', '%2', "
                                "'email', '\"a.berg@acme.example\"', '\"ana.berg@gmail.example\"', '\"\"', 'someone', "
                                "'%3', 'm1', %4, 0, %4, 'someone')")
                     .arg(newUuidV7(), id, sync.account().userId)
                     .arg(QDateTime::currentMSecsSinceEpoch() - 3600000));
        ins.exec(QStringLiteral("INSERT INTO sync_rejections(seq, mutation_id, name, version, args, code, message, at) "
                                "VALUES(990, 'm2', 'contact.update', 1, '{\"id\":\"%1\",\"set\":{\"country\":\"DE\",\"city\":\"Köln\"}}', "
                                "'forbidden', 'Your role (sales) may not change contacts owned by another representative.', %2)")
                     .arg(id)
                     .arg(QDateTime::currentMSecsSinceEpoch() - 600000));
        sync.refreshProblemCount();
    }
    save(&window, QStringLiteral("main-up-to-date"));
    window.syncStatus()->syncMenu()->popup(window.syncStatus()->mapToGlobal(QPoint(0, 0)));
    settle();
    save(window.syncStatus()->syncMenu(), QStringLiteral("sync-menu"));
    window.syncStatus()->syncMenu()->hide();

    sync.showProblems();
    SyncProblemsDialog* problems = sync.problemsDialog();
    problems->selectRow(0);
    save(problems, QStringLiteral("sync-problems-conflict"));
    problems->selectRow(1);
    save(problems, QStringLiteral("sync-problems-refused"));
    problems->close();

    if (!sync.client()) {
        QTextStream(stderr) << "not signed in: " << sync.lastError() << Qt::endl;
        return 1;
    }
    TotpEnrolmentDialog totp(sync.account().serverUrl, sync.account().pinnedCertificates(),
                             sync.client()->session().accessToken, &window);
    totp.show();
    waitUntil([&] { return totp.qrCode()->isValid(); }, 30000);
    save(&totp, QStringLiteral("totp-enrolment"));

    SignOutDialog signOut(QStringLiteral("olga at 127.0.0.1"), 3, &window);
    signOut.show();
    save(&signOut, QStringLiteral("sign-out"));
    return 0;
}
