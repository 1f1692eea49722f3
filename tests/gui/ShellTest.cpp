// The application shell: idle lock, settings (idle time, re-encryption, passphrase change), About, the
// theme, and the window's shortcuts.
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "keys/MemoryKeyStore.h"
#include "profile/UnlockDialog.h"
#include "settings/ProfileSettings.h"
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

#include <QAction>
#include <QDialog>
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

    void openApp(const ProfileInfo& info, int lockAfterSeconds = -1, const QString& passphrase = {})
    {
        AppOptions options;
        options.profilesRoot = root.path();
        options.profileDir = info.dir;
        options.lockAfterSeconds = lockAfterSeconds;
        app = std::make_unique<AppController>(&keychain, options);
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

    TempDir root;
    MemoryKeyStore keychain;
    std::unique_ptr<AppController> app;
    int m_profiles = 0;
};

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
    ASSERT_EQ(sidebar->count(), 1);
    EXPECT_EQ(sidebar->item(0)->text(), QStringLiteral("Contacts"));
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
    EXPECT_TRUE(contact.value()->company.isEmpty()) << "the unsaved edit was discarded, not saved";
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
