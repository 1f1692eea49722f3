// The application shell: idle lock, settings (idle time, re-encryption, passphrase change), About, the
// theme, and the window's shortcuts.
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "keys/MemoryKeyStore.h"
#include "profile/MigrationProgressDialog.h"
#include "profile/UnlockDialog.h"
#include "settings/ProfileSettings.h"
#include "settings/RotateKeyDialog.h"
#include "shell/AboutDialog.h"
#include "shell/AppController.h"
#include "shell/IdleWatcher.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"
#include "TestWorkspace.h"

#include <QAction>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

// A keychain that can stop answering writes, like one waiting on a prompt nobody sees: a held write
// reaches the store behind it only when released (or never, when dropped). Reads and removals pass.
class HoldingKeyStore final : public KeyStore
{
public:
    explicit HoldingKeyStore(KeyStore& target) : m_target(target) {}

    bool isAvailable() const override { return m_target.isAvailable(); }
    QString backendName() const override { return m_target.backendName(); }
    void read(const QString& account, ReadCallback done) override { m_target.read(account, std::move(done)); }
    void write(const QString& account, const SecretBytes& secret, WriteCallback done) override
    {
        if (m_holding)
            m_held.append({account, secret, std::move(done)});
        else
            m_target.write(account, secret, std::move(done));
    }
    void remove(const QString& account, WriteCallback done) override { m_target.remove(account, std::move(done)); }

    void setHolding(bool holding) { m_holding = holding; }
    qsizetype held() const { return m_held.size(); }
    void releaseFirst()
    {
        if (m_held.isEmpty())
            return;
        Held w = m_held.takeFirst();
        m_target.write(w.account, w.secret, std::move(w.done));
    }
    void releaseAll()
    {
        while (!m_held.isEmpty())
            releaseFirst();
    }
    void dropAll() { m_held.clear(); }

private:
    struct Held
    {
        QString account;
        SecretBytes secret;
        WriteCallback done;
    };
    KeyStore& m_target;
    bool m_holding = false;
    QList<Held> m_held;
};

// Lets queued answers (the in-memory keychain answers from the event loop) arrive.
void letAnswersArrive()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}

class ShellTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void TearDown() override { app.reset(); }

    // Makes a profile without the wizard and closes it again.
    ProfileInfo createProfile(KeyProtection protection, const QString& passphrase = {})
    {
        ProfileManager manager(&keychain);
        ProfileManager::NewProfile request;
        request.dir = root.filePath(QStringLiteral("p%1").arg(++m_profiles));
        request.name = QStringLiteral("Shell %1").arg(m_profiles);
        request.protection = protection;
        request.passphrase = passphrase;
        std::optional<Result<std::unique_ptr<Workspace>>> result;
        manager.create(request, [&](Result<std::unique_ptr<Workspace>> r) { result.emplace(std::move(r)); });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 30000));
        EXPECT_TRUE(result && result->ok()) << (result ? result->message().toStdString() : std::string());
        ProfileInfo info = result && result->ok() ? result->value()->info() : ProfileInfo();
        if (result && result->ok())
            createContact(*result->value(), QStringLiteral("Grace"), QStringLiteral("Hopper"));
        return info;
    }

    void openApp(const ProfileInfo& info, int lockAfterSeconds = -1, const QString& passphrase = {},
                 KeyStore* store = nullptr)
    {
        AppOptions options;
        options.profilesRoot = root.path();
        options.profileDir = info.dir;
        options.lockAfterSeconds = lockAfterSeconds;
        app = std::make_unique<AppController>(store ? store : &keychain, options);
        app->start();
        if (!passphrase.isEmpty()) {
            auto* unlock = waitForVisible<UnlockDialog>(QStringLiteral("unlockDialog"));
            ASSERT_NE(unlock, nullptr);
            typeInto(child<QLineEdit>(unlock, QStringLiteral("unlockPassphraseEdit")), passphrase);
            click(child<QPushButton>(unlock, QStringLiteral("unlockButton")));
        }
        ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }, 30000));
    }

    bool unlockWith(const QString& passphrase)
    {
        UnlockDialog* unlock = app->unlockDialog();
        if (!unlock)
            return false;
        typeInto(child<QLineEdit>(unlock, QStringLiteral("unlockPassphraseEdit")), passphrase);
        click(child<QPushButton>(unlock, QStringLiteral("unlockButton")));
        waitUntil([&] { return app->workspace() != nullptr || !unlock->isBusy(); }, 30000);
        return app->workspace() != nullptr;
    }

    template <typename T>
    T* trigger(const QString& actionName, const QString& dialogName)
    {
        auto* action = app->mainWindow()->findChild<QAction*>(actionName);
        EXPECT_NE(action, nullptr) << actionName.toStdString();
        if (!action)
            return nullptr;
        action->trigger();
        return waitForVisible<T>(dialogName);
    }

    RotateKeyDialog* openRotateKeyDialog()
    {
        auto* settings = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
        EXPECT_NE(settings, nullptr);
        if (!settings)
            return nullptr;
        click(child<QPushButton>(settings, QStringLiteral("rotateKeyButton")));
        return waitForVisible<RotateKeyDialog>(QStringLiteral("rotateKeyDialog"));
    }

    TempDir root;
    MemoryKeyStore keychain;
    std::unique_ptr<AppController> app;
    int m_profiles = 0;
};

// Records what the "Updating your data…" dialog showed and whether the main window existed then.
class MigrationDialogWatcher : public QObject
{
public:
    explicit MigrationDialogWatcher(AppController& app) : m_app(app) { qApp->installEventFilter(this); }
    ~MigrationDialogWatcher() override { qApp->removeEventFilter(this); }

    QStringList stepsShown;
    bool windowExistedMeanwhile = false;
    bool modal = false;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Show && watched->objectName() == QLatin1String("migrationProgressDialog")) {
            auto* dialog = static_cast<QWidget*>(watched);
            modal = dialog->isModal();
            windowExistedMeanwhile = windowExistedMeanwhile || m_app.mainWindow() != nullptr;
            if (auto* step = dialog->findChild<QLabel*>(QStringLiteral("migrationStep")))
                stepsShown << step->text();
        }
        return false;
    }

private:
    AppController& m_app;
};

TEST_F(ShellTest, UnlockingAProfileThatNeedsUpdatingShowsProgressThenTheWindow)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    std::optional<KeyStore::ReadResult> key;
    keychain.read(info.id, [&](KeyStore::ReadResult r) { key = r; });
    ASSERT_TRUE(waitUntil([&] { return key.has_value(); }));
    ASSERT_TRUE(recreateDatabaseBefore(info.databasePath(), key->secret, 19, QStringLiteral("Found a moth in the relay.")));

    AppOptions options;
    options.profilesRoot = root.path();
    options.profileDir = info.dir;
    app = std::make_unique<AppController>(&keychain, options);
    MigrationDialogWatcher watcher(*app);
    app->start();
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }, 30000));

    ASSERT_FALSE(watcher.stepsShown.isEmpty()) << "the update showed its progress dialog";
    EXPECT_TRUE(watcher.stepsShown.constFirst().startsWith(QStringLiteral("Step 1 of "))) << watcher.stepsShown.constFirst().toStdString();
    EXPECT_TRUE(watcher.modal);
    EXPECT_FALSE(watcher.windowExistedMeanwhile) << "the window opens after the update";
    ASSERT_NE(app->mainWindow(), nullptr);
    EXPECT_TRUE(waitUntil([&] { return app->mainWindow()->isVisible(); }));
    for (QWidget* w : QApplication::topLevelWidgets())
        EXPECT_FALSE(w->objectName() == QLatin1String("migrationProgressDialog") && w->isVisible());
    EXPECT_EQ(app->workspace()->database().schemaVersion(), app->workspace()->database().latestKnownVersion());
    EXPECT_EQ(app->workspace()->contacts().searchCount(ContactQuery::parse(QStringLiteral("moth"))).value(), 1);
}

TEST_F(ShellTest, IdleTimeLocksTheProfile)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info, 1));
    EXPECT_TRUE(app->idleWatcher().isActive());
    EXPECT_EQ(app->idleWatcher().timeout(), 1000);
    ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }, 15000));
    EXPECT_FALSE(app->idleWatcher().isActive()) << "no idle timer while locked";
    ASSERT_NE(app->unlockDialog(), nullptr);
    EXPECT_TRUE(app->unlockDialog()->isVisible());
}

TEST_F(ShellTest, IdleWatcherFiresOnlyAfterTheTimeoutWithoutInput)
{
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeout(0);
    watcher.start();
    EXPECT_TRUE(watcher.isActive());
    QCoreApplication::processEvents();
    EXPECT_EQ(idle.count(), 0) << "0 means never";
    watcher.setTimeout(50);
    ASSERT_TRUE(waitUntil([&] { return idle.count() == 1; }));
    watcher.stop();
    EXPECT_FALSE(watcher.isActive());
}

TEST_F(ShellTest, SettingsStoreTheIdleTimePerProfile)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    EXPECT_EQ(app->idleWatcher().timeout(), qint64(ProfileSettings::DefaultIdleLockMinutes) * 60 * 1000);
    auto* dialog = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* spin = child<QSpinBox>(dialog, QStringLiteral("idleLockSpin"));
    EXPECT_EQ(spin->value(), ProfileSettings::DefaultIdleLockMinutes);
    EXPECT_EQ(dialog->findChild<QWidget*>(QStringLiteral("changePassphraseButton")), nullptr)
        << "keychain profiles have no passphrase";
    spin->setValue(5);
    click(child<QPushButton>(dialog, QStringLiteral("settingsOkButton")));
    ASSERT_TRUE(waitUntil([&] { return findVisible(QStringLiteral("settingsDialog")) == nullptr; }));
    EXPECT_EQ(app->idleWatcher().timeout(), 5 * 60 * 1000);
    EXPECT_EQ(ProfileSettings(info).idleLockMinutes(), 5);
    spin = nullptr;

    dialog = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(dialog, nullptr);
    spin = child<QSpinBox>(dialog, QStringLiteral("idleLockSpin"));
    EXPECT_EQ(spin->value(), 5);
    spin->setValue(0);
    EXPECT_EQ(spin->text(), QStringLiteral("Never"));
    click(child<QPushButton>(dialog, QStringLiteral("settingsOkButton")));
    ASSERT_TRUE(waitUntil([&] { return findVisible(QStringLiteral("settingsDialog")) == nullptr; }));
    EXPECT_EQ(app->idleWatcher().timeout(), 0);
}

TEST_F(ShellTest, ReEncryptingAKeychainProfileKeepsItsData)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    const QByteArray before = sha256OfFile(info.databasePath());
    auto* settings = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(settings, nullptr);
    click(child<QPushButton>(settings, QStringLiteral("rotateKeyButton")));
    auto* rotate = waitForVisible<QDialog>(QStringLiteral("rotateKeyDialog"));
    ASSERT_NE(rotate, nullptr);
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    auto* message = child<MessageLabel>(rotate, QStringLiteral("rotateMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible(); }, 30000));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Success) << message->text().toStdString();
    EXPECT_FALSE(app->mainWindow()->isBusy());
    click(child<QPushButton>(rotate, QStringLiteral("rotateCloseButton")));
    settings->reject();

    app->lock();
    ASSERT_TRUE(app->isLocked());
    EXPECT_NE(sha256OfFile(info.databasePath()), before) << "the file was re-encrypted";
    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
    auto count = app->workspace()->contacts().count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count.value(), 1);
}

TEST_F(ShellTest, ChangingThePassphraseTakesEffectAtTheNextUnlock)
{
    const QString oldPassphrase = QStringLiteral("amber fox jumps over logs");
    const QString newPassphrase = QStringLiteral("violet owl sleeps in barns");
    const ProfileInfo info = createProfile(KeyProtection::Passphrase, oldPassphrase);
    ASSERT_NO_FATAL_FAILURE(openApp(info, -1, oldPassphrase));
    auto* settings = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(settings, nullptr);
    click(child<QPushButton>(settings, QStringLiteral("changePassphraseButton")));
    auto* change = waitForVisible<QDialog>(QStringLiteral("changePassphraseDialog"));
    ASSERT_NE(change, nullptr);
    auto* ok = child<QPushButton>(change, QStringLiteral("changePassphraseOkButton"));
    typeInto(child<QLineEdit>(change, QStringLiteral("currentPassphraseEdit")), QStringLiteral("not the passphrase"));
    typeInto(child<QLineEdit>(change, QStringLiteral("passphraseEdit")), newPassphrase);
    typeInto(child<QLineEdit>(change, QStringLiteral("passphraseRepeatEdit")), newPassphrase);
    ASSERT_TRUE(ok->isEnabled());
    click(ok);
    auto* message = child<MessageLabel>(change, QStringLiteral("changePassphraseMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible(); }, 30000));
    EXPECT_TRUE(change->isVisible());
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error);
    typeInto(child<QLineEdit>(change, QStringLiteral("currentPassphraseEdit")), oldPassphrase);
    click(ok);
    const QPointer<QDialog> guard(change); // deletes itself when closed
    ASSERT_TRUE(waitUntil([&] { return !guard || !guard->isVisible(); }, 30000));
    EXPECT_TRUE(child<QLabel>(settings, QStringLiteral("encryptionResult"))->isVisible());
    settings->reject();

    app->lock();
    ASSERT_TRUE(app->isLocked());
    EXPECT_FALSE(unlockWith(oldPassphrase));
    EXPECT_TRUE(unlockWith(newPassphrase));
}

TEST_F(ShellTest, ALockThatWaitedForReEncryptionFollowsItWithoutACrash)
{
    const QString passphrase = QStringLiteral("amber fox jumps over logs");
    const ProfileInfo info = createProfile(KeyProtection::Passphrase, passphrase);
    ASSERT_NO_FATAL_FAILURE(openApp(info, -1, passphrase));
    RotateKeyDialog* rotate = openRotateKeyDialog();
    ASSERT_NE(rotate, nullptr);
    typeInto(child<QLineEdit>(rotate, QStringLiteral("rotatePassphraseEdit")), passphrase);
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    ASSERT_TRUE(app->mainWindow()->isBusy());
    EXPECT_FALSE(child<QPushButton>(rotate, QStringLiteral("rotateCloseButton"))->isEnabled())
        << "checking the passphrase cannot be abandoned";

    // The idle timer fires meanwhile: the lock waits for the re-encryption, then follows it.
    app->lock();
    EXPECT_FALSE(app->isLocked());
    EXPECT_TRUE(app->isLockPending());
    ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }, 60000));
    EXPECT_FALSE(app->isLockPending());
    EXPECT_EQ(findVisible(QStringLiteral("rotateKeyDialog")), nullptr);
    ASSERT_TRUE(unlockWith(passphrase)) << "the new key is wrapped by the same passphrase";
    auto count = app->workspace()->contacts().count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count.value(), 1);
}

TEST_F(ShellTest, ALockThatWaitedForAPassphraseChangeFollowsItWithoutACrash)
{
    const QString oldPassphrase = QStringLiteral("amber fox jumps over logs");
    const QString newPassphrase = QStringLiteral("violet owl sleeps in barns");
    const ProfileInfo info = createProfile(KeyProtection::Passphrase, oldPassphrase);
    ASSERT_NO_FATAL_FAILURE(openApp(info, -1, oldPassphrase));
    auto* settings = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(settings, nullptr);
    click(child<QPushButton>(settings, QStringLiteral("changePassphraseButton")));
    auto* change = waitForVisible<QDialog>(QStringLiteral("changePassphraseDialog"));
    ASSERT_NE(change, nullptr);
    typeInto(child<QLineEdit>(change, QStringLiteral("currentPassphraseEdit")), oldPassphrase);
    typeInto(child<QLineEdit>(change, QStringLiteral("passphraseEdit")), newPassphrase);
    typeInto(child<QLineEdit>(change, QStringLiteral("passphraseRepeatEdit")), newPassphrase);
    click(child<QPushButton>(change, QStringLiteral("changePassphraseOkButton")));
    ASSERT_TRUE(app->mainWindow()->isBusy());

    app->lock();
    EXPECT_TRUE(app->isLockPending());
    ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }, 60000));
    EXPECT_TRUE(unlockWith(newPassphrase));
}

TEST_F(ShellTest, AKeychainThatDoesNotAnswerNeverBlocksCancelLockOrQuit)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    HoldingKeyStore holding(keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info, -1, {}, &holding));
    const QByteArray before = sha256OfFile(info.databasePath());

    // Cancel while the keychain is asked to store the new key: nothing has changed yet.
    RotateKeyDialog* rotate = openRotateKeyDialog();
    ASSERT_NE(rotate, nullptr);
    holding.setHolding(true);
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    ASSERT_TRUE(waitUntil([&] { return holding.held() == 1; }));
    EXPECT_EQ(rotate->stage(), RotateKeyDialog::Stage::WaitingForKeychain);
    EXPECT_FALSE(app->mainWindow()->isBusy()) << "waiting for the keychain holds nothing up";
    auto* cancel = child<QPushButton>(rotate, QStringLiteral("rotateCloseButton"));
    EXPECT_EQ(cancel->text(), QStringLiteral("Cancel"));
    click(cancel);
    EXPECT_EQ(rotate->stage(), RotateKeyDialog::Stage::Idle);
    EXPECT_TRUE(rotate->isVisible()) << "Cancel stops the work, not the dialog";
    auto* message = child<MessageLabel>(rotate, QStringLiteral("rotateMessage"));
    EXPECT_TRUE(message->text().contains(QStringLiteral("cancelled"))) << message->text().toStdString();
    // The keychain answers after all: nothing follows from it.
    holding.releaseAll();
    letAnswersArrive();
    EXPECT_EQ(rotate->stage(), RotateKeyDialog::Stage::Idle);
    EXPECT_EQ(sha256OfFile(info.databasePath()), before);

    // Locking while the keychain is asked: the lock comes at once; a late answer goes nowhere.
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    ASSERT_TRUE(waitUntil([&] { return holding.held() == 1; }));
    ASSERT_EQ(rotate->stage(), RotateKeyDialog::Stage::WaitingForKeychain);
    app->lock();
    EXPECT_TRUE(app->isLocked());
    EXPECT_FALSE(app->isLockPending());
    holding.releaseAll();
    letAnswersArrive();
    EXPECT_EQ(sha256OfFile(info.databasePath()), before);
    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));

    // Quitting likewise.
    rotate = openRotateKeyDialog();
    ASSERT_NE(rotate, nullptr);
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    ASSERT_TRUE(waitUntil([&] { return holding.held() == 1; }));
    ASSERT_EQ(rotate->stage(), RotateKeyDialog::Stage::WaitingForKeychain);
    QSignalSpy closed(app->mainWindow(), &MainWindow::closed);
    EXPECT_TRUE(app->mainWindow()->close());
    EXPECT_EQ(closed.count(), 1);
    EXPECT_EQ(findVisible(QStringLiteral("busyMessageBox")), nullptr);
    app.reset();
    holding.releaseAll();
    letAnswersArrive();
    EXPECT_EQ(sha256OfFile(info.databasePath()), before);
}

TEST_F(ShellTest, ReEncryptedWhileTheKeychainStallsIsFinishedByTheNextUnlock)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    HoldingKeyStore holding(keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info, -1, {}, &holding));
    const QByteArray before = sha256OfFile(info.databasePath());
    RotateKeyDialog* rotate = openRotateKeyDialog();
    ASSERT_NE(rotate, nullptr);
    holding.setHolding(true);
    click(child<QPushButton>(rotate, QStringLiteral("rotateStartButton")));
    ASSERT_TRUE(waitUntil([&] { return holding.held() == 1; }));
    // The keychain stores the new key as pending: the database is re-encrypted, then the keychain stalls
    // on making that key the current one.
    holding.releaseFirst();
    ASSERT_TRUE(waitUntil([&] { return rotate->stage() == RotateKeyDialog::Stage::StoringKey; }));
    EXPECT_FALSE(app->mainWindow()->isBusy());
    auto* close = child<QPushButton>(rotate, QStringLiteral("rotateCloseButton"));
    EXPECT_TRUE(close->isEnabled());
    EXPECT_EQ(close->text(), QStringLiteral("Close"));

    app->lock();
    ASSERT_TRUE(app->isLocked());
    holding.dropAll(); // never answered
    holding.setHolding(false);
    EXPECT_NE(sha256OfFile(info.databasePath()), before) << "the file was re-encrypted";
    EXPECT_TRUE(keychain.contains(ProfileManager::pendingAccount(info)));
    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
    auto count = app->workspace()->contacts().count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count.value(), 1);
    EXPECT_TRUE(waitUntil([&] { return !keychain.contains(ProfileManager::pendingAccount(info)); }))
        << "the unlock made the pending key the current one";
}

TEST_F(ShellTest, AnOpenEditorComesBackAfterUnlockWithWhatWasTyped)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    auto* page = qobject_cast<ContactsPage*>(app->mainWindow()->currentPage());
    ASSERT_NE(page, nullptr);
    page->table()->selectRow(0);
    const QString id = page->selectedId();
    ASSERT_FALSE(id.isEmpty());
    page->editSelected();
    auto* editor = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(editor, nullptr);
    const QString typed = QStringLiteral("Navy Research Lab ");
    typeInto(child<QLineEdit>(editor, QStringLiteral("companyEdit")), typed);
    typeInto(child<QLineEdit>(editor, QStringLiteral("cityEdit")), QString());

    app->lock();
    ASSERT_TRUE(app->isLocked());
    EXPECT_EQ(findVisible(QStringLiteral("contactEditDialog")), nullptr);
    // What was typed stays in memory only: not in the profile's settings file.
    QFile settingsFile(info.settingsPath());
    ASSERT_TRUE(settingsFile.open(QIODevice::ReadOnly));
    EXPECT_FALSE(settingsFile.readAll().contains("Navy"));

    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
    editor = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(editor, nullptr) << "the editor is open again";
    EXPECT_EQ(child<QLineEdit>(editor, QStringLiteral("companyEdit"))->text(), typed);
    EXPECT_EQ(child<QLineEdit>(editor, QStringLiteral("firstNameEdit"))->text(), QStringLiteral("Grace"));
    EXPECT_FALSE(editor->isNew());
    EXPECT_TRUE(editor->hasChanges());
    click(child<QPushButton>(editor, QStringLiteral("saveContactButton")));
    page = qobject_cast<ContactsPage*>(app->mainWindow()->currentPage());
    ASSERT_NE(page, nullptr);
    ASSERT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
    auto contact = app->workspace()->contacts().find(id);
    ASSERT_TRUE(contact.ok() && contact.value());
    EXPECT_EQ(contact.value()->company, typed.trimmed());
}

TEST_F(ShellTest, AboutShowsVersionsAndEncryption)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    auto* about = trigger<AboutDialog>(QStringLiteral("actionAbout"), QStringLiteral("aboutDialog"));
    ASSERT_NE(about, nullptr);
    const QString details = about->detailsText();
    EXPECT_TRUE(details.contains(QString::fromLatin1(qVersion()))) << details.toStdString();
    EXPECT_TRUE(details.contains(app->workspace()->database().cipherVersion())) << details.toStdString();
    EXPECT_FALSE(app->workspace()->database().cipherVersion().isEmpty());
    EXPECT_TRUE(details.contains(Database::sqliteVersion()));
    EXPECT_TRUE(child<QLabel>(about, QStringLiteral("aboutProtection"))->text().contains(QStringLiteral("keychain")));
}

TEST_F(ShellTest, WindowShowsOnlyExistingAreasAndFindFocusesSearch)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    MainWindow* window = app->mainWindow();
    auto* sidebar = child<QListWidget>(window, QStringLiteral("sidebar"));
    const QStringList areas = {QStringLiteral("Contacts"),   QStringLiteral("Companies"), QStringLiteral("Segments"), QStringLiteral("Leads"),
                               QStringLiteral("Deals"),      QStringLiteral("Tasks"),     QStringLiteral("Duplicates"),
                               QStringLiteral("Genealogy"),  QStringLiteral("Commissions"), QStringLiteral("Custom Fields")};
    ASSERT_EQ(sidebar->count(), areas.size());
    for (int i = 0; i < areas.size(); ++i)
        EXPECT_EQ(sidebar->item(i)->text(), areas.at(i)) << "sidebar row " << i;
    EXPECT_EQ(child<QLabel>(window, QStringLiteral("statusProfile"))->text(), QStringLiteral("Profile: %1").arg(info.name));
    EXPECT_EQ(child<QLabel>(window, QStringLiteral("statusSummary"))->text(), QStringLiteral("1 contact"));
    EXPECT_TRUE(window->windowTitle().contains(info.name));

    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window));
    auto* page = qobject_cast<ContactsPage*>(window->currentPage());
    ASSERT_NE(page, nullptr);
    page->table()->setFocus();
    QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier);
    EXPECT_TRUE(page->searchField()->hasFocus());
    QTest::keyClick(window, Qt::Key_N, Qt::ControlModifier);
    EXPECT_NE(waitForVisible(QStringLiteral("contactEditDialog")), nullptr);
}

TEST_F(ShellTest, LockingClosesOpenDialogsAndUnlockingRestoresTheView)
{
    const ProfileInfo info = createProfile(KeyProtection::Keychain);
    ASSERT_NO_FATAL_FAILURE(openApp(info));
    auto* page = qobject_cast<ContactsPage*>(app->mainWindow()->currentPage());
    ASSERT_NE(page, nullptr);
    typeInto(page->searchField(), QStringLiteral("hopp"));
    ASSERT_TRUE(waitUntil([&] { return page->model()->searchText() == QStringLiteral("hopp"); }));
    page->table()->selectRow(0);
    const QString selected = page->selectedId();
    ASSERT_FALSE(selected.isEmpty());

    // An editor with unsaved text, and the settings, are open when the lock comes.
    page->editSelected();
    auto* editor = waitForVisible<QDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(editor, nullptr);
    typeInto(child<QLineEdit>(editor, QStringLiteral("companyEdit")), QStringLiteral("Navy"));
    auto* settings = trigger<QDialog>(QStringLiteral("actionSettings"), QStringLiteral("settingsDialog"));
    ASSERT_NE(settings, nullptr);
    app->lock();
    ASSERT_TRUE(app->isLocked());
    EXPECT_EQ(findVisible(QStringLiteral("contactEditDialog")), nullptr);
    EXPECT_EQ(findVisible(QStringLiteral("settingsDialog")), nullptr);
    EXPECT_EQ(app->mainWindow()->findChildren<QDialog*>().size(), 1) << "only the unlock dialog is left";

    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
    page = qobject_cast<ContactsPage*>(app->mainWindow()->currentPage());
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(page->searchField()->text(), QStringLiteral("hopp")) << "the search is kept across a lock";
    EXPECT_TRUE(page->model()->isSearching());
    EXPECT_EQ(page->selectedId(), selected);
    auto contact = app->workspace()->contacts().find(selected);
    ASSERT_TRUE(contact.ok() && contact.value());
    EXPECT_TRUE(contact.value()->company.isEmpty()) << "the unsaved edit was not saved by the lock";
}

TEST_F(ShellTest, ThemeFollowsTheChosenModeAndIconsFollowThePalette)
{
    Theme theme(*qApp);
    theme.setMode(Theme::Mode::Dark);
    EXPECT_TRUE(theme.isDark());
    EXPECT_TRUE(Theme::isDarkPalette(QApplication::palette()));
    const QImage dark = themedIcon(QStringLiteral("lock")).pixmap(QSize(32, 32)).toImage();
    theme.setMode(Theme::Mode::Light);
    EXPECT_FALSE(theme.isDark());
    EXPECT_FALSE(Theme::isDarkPalette(QApplication::palette()));
    const QImage light = themedIcon(QStringLiteral("lock")).pixmap(QSize(32, 32)).toImage();

    // The drawn pixels take the text colour: light on dark, dark on light.
    auto strokeLightness = [](const QImage& image) {
        int best = -1;
        int lightness = -1;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.alpha() > best) {
                    best = c.alpha();
                    lightness = c.lightness();
                }
            }
        return lightness;
    };
    EXPECT_GT(strokeLightness(dark), 160);
    EXPECT_LT(strokeLightness(light), 100);
    theme.setMode(Theme::Mode::System);
}

} // namespace
