// Signing in through the dialog against a real outpost-server (loopback TLS, self-signed certificate):
// the certificate's fingerprint is shown and trusted, the status bar reaches "Up to date", a wrong
// password shows the server's reason; and two-factor enrolment shows a QR code.
#include "ServerProcess.h"

#include "auth/Base32.h"
#include "auth/Totp.h"

#include "client/SyncClient.h"
#include "keys/MemoryKeyStore.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "replication/ReplicaReset.h"
#include "sync/QrCodeWidget.h"
#include "sync/SignInDialog.h"
#include "sync/SyncController.h"
#include "client/SyncServerApi.h"
#include "sync/SyncStatusWidget.h"
#include "sync/TotpEnrolmentDialog.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"
#include "TestWorkspace.h"

#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QSet>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::test;

namespace {

const QString kTeam = QStringLiteral("Acme Direct");
const QString kPassword = QStringLiteral("correct horse battery staple");

class SyncSignInTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto init = server.admin({QStringLiteral("init"), QStringLiteral("--team"), kTeam, QStringLiteral("--owner"),
                                  QStringLiteral("olga")},
                                 kPassword + QLatin1Char('\n'));
        ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
        ASSERT_TRUE(server.start()) << server.log().toStdString();
        workspace = makeWorkspace(dir.path());
        status = std::make_unique<SyncStatusWidget>();
        status->show();
        controller = std::make_unique<SyncController>(*workspace, &keychain, status.get(), nullptr);
    }

    void TearDown() override
    {
        controller.reset();
        status.reset();
        workspace.reset();
    }

    SignInDialog* openDialog()
    {
        controller->showSignIn();
        return waitForVisible<SignInDialog>(QStringLiteral("signInDialog"));
    }

    void fill(SignInDialog* d, const QString& password)
    {
        typeInto(child<QLineEdit>(d, QStringLiteral("signInServerEdit")), server.url().toString());
        typeInto(child<QLineEdit>(d, QStringLiteral("signInTeamEdit")), kTeam);
        typeInto(child<QLineEdit>(d, QStringLiteral("signInUserEdit")), QStringLiteral("olga"));
        typeInto(child<QLineEdit>(d, QStringLiteral("signInPasswordEdit")), password);
    }

    // Signs in through the dialog, trusting the server's certificate.
    void signIn()
    {
        SignInDialog* d = openDialog();
        ASSERT_NE(d, nullptr);
        fill(d, kPassword);
        click(child<QPushButton>(d, QStringLiteral("signInButton")));
        auto* trust = waitForVisible<QPushButton>(QStringLiteral("signInTrustButton"), 30000);
        ASSERT_NE(trust, nullptr) << child<MessageLabel>(d, QStringLiteral("signInMessage"))->text().toStdString();
        // The fingerprint shown is the server certificate's.
        const QString fingerprint = SyncServerApi::fingerprint(server.certificates().first());
        EXPECT_TRUE(child<QLabel>(d, QStringLiteral("signInFingerprint"))->text().contains(fingerprint));
        QPointer<SignInDialog> guard(d);
        click(trust);
        ASSERT_TRUE(waitUntil([&] { return !guard || !guard->isVisible(); }, 60000));
    }

    ServerProcess server;
    TempDir dir;
    MemoryKeyStore keychain;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<SyncStatusWidget> status;
    std::unique_ptr<SyncController> controller;
};

} // namespace

TEST_F(SyncSignInTest, SignsInTrustingTheCertificateAndReachesUpToDate)
{
    EXPECT_EQ(status->stateText(), QStringLiteral("Not signed in"));
    createContact(*workspace, QStringLiteral("Zoë"), QStringLiteral("Müller"));
    signIn();
    ASSERT_TRUE(controller->isSignedIn()) << controller->lastError().toStdString();
    ASSERT_TRUE(waitUntil([&] { return status->stateText().startsWith(QStringLiteral("Up to date at")); }, 60000))
        << status->stateText().toStdString();
    EXPECT_EQ(controller->client()->pendingCount(), 0);

    // The account and the pinned certificate are kept in the profile, the refresh token in the keychain.
    auto account = SyncAccount::load(workspace->database());
    ASSERT_TRUE(account.ok());
    EXPECT_EQ(account->team, kTeam);
    EXPECT_EQ(account->userName, QStringLiteral("olga"));
    EXPECT_FALSE(account->userId.isEmpty());
    ASSERT_EQ(account->pinnedCertificates().size(), 1);
    EXPECT_EQ(account->pinnedCertificates().first(), server.certificates().first());
    EXPECT_TRUE(waitUntil([&] { return keychain.contains(SyncAccount::keychainAccount(workspace->info())); }));

    // Two-factor set-up: the server's otpauth URI as a QR code, and the secret as text.
    TotpEnrolmentDialog totp(account->serverUrl, account->pinnedCertificates(), controller->client()->session().accessToken);
    totp.show();
    ASSERT_TRUE(waitUntil([&] { return totp.qrCode()->isValid() || !totp.findChild<MessageLabel*>(QStringLiteral("totpMessage"))->text().isEmpty(); }, 30000));
    ASSERT_TRUE(totp.qrCode()->isValid()) << totp.findChild<MessageLabel*>(QStringLiteral("totpMessage"))->text().toStdString();
    EXPECT_TRUE(totp.uri().startsWith(QStringLiteral("otpauth://totp/")));
    EXPECT_TRUE(totp.uri().contains(totp.secret()));
    EXPECT_GE(totp.qrCode()->moduleCount(), 21);
    // A wrong code is refused with the server's reason.
    typeInto(child<QLineEdit>(&totp, QStringLiteral("totpCodeEdit")), QStringLiteral("000000"));
    click(child<QPushButton>(&totp, QStringLiteral("totpConfirmButton")));
    auto* message = child<MessageLabel>(&totp, QStringLiteral("totpMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->kind() == MessageLabel::Kind::Error; }, 30000));
    EXPECT_TRUE(message->text().contains(QStringLiteral("code"))) << message->text().toStdString();
}

TEST_F(SyncSignInTest, WrongPasswordShowsTheServersMessage)
{
    SignInDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    fill(d, QStringLiteral("not the password"));
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    click(waitForVisible<QPushButton>(QStringLiteral("signInTrustButton"), 30000));
    auto* message = child<MessageLabel>(d, QStringLiteral("signInMessage"));
    ASSERT_TRUE(waitUntil([&] { return !message->text().isEmpty() && !d->isBusy(); }, 60000));
    EXPECT_EQ(message->text(), QStringLiteral("The team, user name or password is wrong."));
    EXPECT_TRUE(d->isVisible());
    EXPECT_FALSE(controller->isSignedIn());
    EXPECT_FALSE(SyncAccount::load(workspace->database())->isConfigured());

    // Corrected, it signs in without asking about the certificate again.
    typeInto(child<QLineEdit>(d, QStringLiteral("signInPasswordEdit")), kPassword);
    QPointer<SignInDialog> guard(d);
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    ASSERT_TRUE(waitUntil([&] { return !guard || !guard->isVisible(); }, 60000))
        << message->text().toStdString() << " trust panel: " << child<QWidget>(d, QStringLiteral("signInTrustPanel"))->isVisible()
        << " status: " << child<QLabel>(d, QStringLiteral("signInStatus"))->text().toStdString();
    EXPECT_TRUE(controller->isSignedIn());
}

TEST_F(SyncSignInTest, DistrustingTheCertificateSendsNoPassword)
{
    SignInDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    fill(d, kPassword);
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    click(waitForVisible<QPushButton>(QStringLiteral("signInDistrustButton"), 30000));
    auto* message = child<MessageLabel>(d, QStringLiteral("signInMessage"));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error);
    EXPECT_FALSE(message->text().isEmpty());
    EXPECT_FALSE(d->isBusy());
    EXPECT_FALSE(controller->isSignedIn());
}

TEST_F(SyncSignInTest, TheAuthenticatorCodeIsAskedForOnlyWhenTheServerSaysTheAccountNeedsIt)
{
    auto codeEdit = [](SignInDialog* d) { return child<QLineEdit>(d, QStringLiteral("signInTotpEdit")); };
    SignInDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    EXPECT_FALSE(codeEdit(d)->isVisible()) << "no code field for an account without a second factor";
    fill(d, kPassword);
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    click(waitForVisible<QPushButton>(QStringLiteral("signInTrustButton"), 30000));
    QPointer<SignInDialog> first(d);
    ASSERT_TRUE(waitUntil([&] { return !first || !first->isVisible(); }, 60000));
    ASSERT_TRUE(controller->isSignedIn()) << controller->lastError().toStdString();

    // Olga sets up an authenticator.
    auto account = SyncAccount::load(workspace->database());
    ASSERT_TRUE(account.ok());
    TotpEnrolmentDialog totp(account->serverUrl, account->pinnedCertificates(), controller->client()->session().accessToken);
    totp.show();
    ASSERT_TRUE(waitUntil([&] { return totp.qrCode()->isValid(); }, 30000));
    const SecretBytes secret(*auth::Base32::decode(totp.secret()));
    auto codeAt = [&](qint64 offsetSeconds) { return auth::Totp().code(secret, QDateTime::currentSecsSinceEpoch() + offsetSeconds); };
    typeInto(child<QLineEdit>(&totp, QStringLiteral("totpCodeEdit")), codeAt(0));
    click(child<QPushButton>(&totp, QStringLiteral("totpConfirmButton")));
    auto* totpMessage = child<MessageLabel>(&totp, QStringLiteral("totpMessage"));
    ASSERT_TRUE(waitUntil([&] { return totpMessage->kind() == MessageLabel::Kind::Success; }, 30000)) << totpMessage->text().toStdString();
    totp.close();

    // Signing in again: the password alone brings the code field, with a word on why, and no error.
    d = openDialog();
    ASSERT_NE(d, nullptr);
    fill(d, kPassword);
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    auto* message = child<MessageLabel>(d, QStringLiteral("signInMessage"));
    ASSERT_TRUE(waitUntil([&] { return codeEdit(d)->isVisible() && !d->isBusy(); }, 60000)) << message->text().toStdString();
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Info);
    EXPECT_TRUE(message->text().contains(QStringLiteral("two-factor"))) << message->text().toStdString();
    EXPECT_EQ(d->focusWidget(), codeEdit(d)); // the window is not active offscreen: where its focus will be

    // With the code (the next step's: the confirmation spent the current one) it signs in.
    typeInto(codeEdit(d), codeAt(30));
    QPointer<SignInDialog> guard(d);
    click(child<QPushButton>(d, QStringLiteral("signInButton")));
    ASSERT_TRUE(waitUntil([&] { return !guard || !guard->isVisible(); }, 60000)) << message->text().toStdString();
    EXPECT_TRUE(controller->isSignedIn());
}

// Signing out and wiping the team's data tells every page that shows synced data to read again: each synced
// entity is announced (companies, leads, segments, distributors… not only contacts and deals).
TEST_F(SyncSignInTest, SignOutWithWipeAnnouncesEverySyncedEntity)
{
    signIn();
    ASSERT_TRUE(controller->isSignedIn()) << controller->lastError().toStdString();
    QSet<QString> announced;
    QObject::connect(&workspace->mutations(), &MutationEngine::changed, controller.get(), [&](const EntityChanges& changes) {
        for (const EntityChange& c : changes)
            announced.insert(c.entity);
    });
    controller->signOut(true);
    EXPECT_FALSE(controller->isSignedIn());
    for (const auto& [entity, table] : ReplicaReset::syncedTables())
        EXPECT_TRUE(announced.contains(entity)) << entity.toStdString();
}
