// End-to-end: the real widgets on the offscreen platform, driven by objectName with simulated input.
// Create a profile through the wizard, add a contact through the form, lock, unlock, "restart" (new
// controller, window and workspace from the same folder) and find the contact by searching — with the
// key in a (fake) keychain and with a passphrase.
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "contacts/CountryComboBox.h"
#include "keys/MemoryKeyStore.h"
#include "profile/NewProfileWizard.h"
#include "profile/UnlockDialog.h"
#include "shell/AppController.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QToolButton>

using namespace outpost;
using namespace outpost::test;

namespace {

class AppFlowTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void TearDown() override { app.reset(); }

    void startApp(int lockAfterSeconds = -1)
    {
        AppOptions options;
        options.profilesRoot = root.path();
        options.lockAfterSeconds = lockAfterSeconds;
        app = std::make_unique<AppController>(&keychain, options);
        app->start();
    }

    // Fills in the first wizard page and moves on.
    NewProfileWizard* startWizard(const QString& name)
    {
        auto* wizard = waitForVisible<NewProfileWizard>(QStringLiteral("newProfileWizard"));
        EXPECT_NE(wizard, nullptr);
        if (!wizard)
            return nullptr;
        EXPECT_EQ(wizard->currentId(), NewProfileWizard::NamePageId);
        typeInto(child<QLineEdit>(wizard, QStringLiteral("profileNameEdit")), name);
        const QString folder = child<QLineEdit>(wizard, QStringLiteral("profileFolderEdit"))->text();
        EXPECT_TRUE(QDir::fromNativeSeparators(folder).startsWith(root.path())) << folder.toStdString();
        click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
        EXPECT_EQ(wizard->currentId(), NewProfileWizard::ProtectionPageId);
        return wizard;
    }

    void finishWizard(NewProfileWizard* wizard)
    {
        ASSERT_TRUE(waitUntil([&] { return wizard->hasCreated(); }, 30000))
            << child<MessageLabel>(wizard, QStringLiteral("createMessage"))->text().toStdString();
        click(child<QPushButton>(wizard, QStringLiteral("wizardFinishButton")));
        ASSERT_TRUE(waitUntil([&] { return app->workspace() && app->mainWindow() && app->mainWindow()->isVisible(); }));
    }

    ContactsPage* contactsPage() const
    {
        return app->mainWindow() ? qobject_cast<ContactsPage*>(app->mainWindow()->page(QStringLiteral("contacts")))
                                 : nullptr;
    }

    // Adds a contact through the form; returns its id.
    QString addContactThroughForm()
    {
        ContactsPage* page = contactsPage();
        EXPECT_NE(page, nullptr);
        if (!page)
            return {};
        click(child<QToolButton>(page, QStringLiteral("newContactButton")));
        auto* dialog = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
        EXPECT_NE(dialog, nullptr);
        if (!dialog)
            return {};
        auto* save = child<QPushButton>(dialog, QStringLiteral("saveContactButton"));
        EXPECT_FALSE(save->isEnabled()) << "an empty form cannot be saved";
        typeInto(child<QLineEdit>(dialog, QStringLiteral("firstNameEdit")), QStringLiteral("Ada"));
        typeInto(child<QLineEdit>(dialog, QStringLiteral("lastNameEdit")), QStringLiteral("Lovelace"));
        typeInto(child<QLineEdit>(dialog, QStringLiteral("emailEdit")), QStringLiteral("ada@example"));
        EXPECT_TRUE(child<QWidget>(dialog, QStringLiteral("emailError"))->isVisible());
        EXPECT_FALSE(save->isEnabled()) << "an invalid e-mail address cannot be saved";
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("emailEdit")), QStringLiteral(".org"));
        EXPECT_FALSE(child<QWidget>(dialog, QStringLiteral("emailError"))->isVisible());
        typeInto(child<QLineEdit>(dialog, QStringLiteral("phoneEdit")), QStringLiteral("+44 20 7946 0000"));
        typeInto(child<QLineEdit>(dialog, QStringLiteral("cityEdit")), QStringLiteral("London"));
        auto* country = child<CountryComboBox>(dialog, QStringLiteral("countryCombo"));
        EXPECT_TRUE(save->isEnabled());
        // Type the country and press Enter: the country is chosen and, as Enter does in any field
        // of the form, the contact is saved.
        typeInto(country->lineEdit(), QStringLiteral("united kingdom"));
        QTest::keyClick(country->lineEdit(), Qt::Key_Return);
        EXPECT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
        const QString id = page->selectedId();
        EXPECT_FALSE(id.isEmpty()) << "the new contact is selected";
        EXPECT_EQ(child<QLabel>(page, QStringLiteral("detailName"))->text(), QStringLiteral("Ada Lovelace"));
        EXPECT_EQ(child<QLabel>(page, QStringLiteral("detailCountry"))->text(), QStringLiteral("United Kingdom"));
        return id;
    }

    void lockWithShortcut()
    {
        MainWindow* window = app->mainWindow();
        ASSERT_NE(window, nullptr);
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier);
        ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }));
    }

    void expectLockedState()
    {
        EXPECT_EQ(app->workspace(), nullptr) << "the workspace is closed while locked";
        EXPECT_EQ(contactsPage(), nullptr) << "the pages are gone while locked";
        EXPECT_NE(findVisible(QStringLiteral("lockScreen")), nullptr);
        EXPECT_EQ(findVisible(QStringLiteral("contactTable")), nullptr);
        UnlockDialog* dialog = app->unlockDialog();
        ASSERT_NE(dialog, nullptr);
        EXPECT_TRUE(dialog->isVisible());
        EXPECT_EQ(dialog->mode(), UnlockDialog::Mode::Locked);
        EXPECT_FALSE(dialog->isBusy()) << "unlocking after a lock is never automatic";
    }

    void searchAndFind(const QString& id)
    {
        ContactsPage* page = contactsPage();
        ASSERT_NE(page, nullptr);
        auto* search = child<QLineEdit>(page, QStringLiteral("contactSearch"));
        typeInto(search, QStringLiteral("lovel"));
        ASSERT_TRUE(waitUntil([&] { return page->model()->searchText() == QStringLiteral("lovel"); }));
        ASSERT_EQ(page->model()->rowCount(), 1);
        EXPECT_EQ(page->model()->idAt(0), id);
        EXPECT_EQ(page->model()->data(page->model()->index(0, ContactListModel::NameColumn)).toString(),
                  QStringLiteral("Ada Lovelace"));
        EXPECT_EQ(child<QLabel>(page, QStringLiteral("contactCount"))->text(), QStringLiteral("1 match"));
        // A phone search finds her as well, by the national number as dialled.
        typeInto(search, QStringLiteral("020 7946"));
        ASSERT_TRUE(waitUntil([&] { return page->model()->searchText() == QStringLiteral("020 7946"); }));
        EXPECT_EQ(page->model()->rowCount(), 1);
        typeInto(search, QStringLiteral("nobody-here"));
        ASSERT_TRUE(waitUntil([&] { return page->model()->searchText() == QStringLiteral("nobody-here"); }));
        EXPECT_EQ(page->model()->rowCount(), 0);
        EXPECT_TRUE(child<QLabel>(page, QStringLiteral("contactEmptyState"))->isVisible());
        EXPECT_EQ(child<QLabel>(page, QStringLiteral("contactCount"))->text(), QStringLiteral("0 matches"));
    }

    // A folder under the root holding only a profile.json with `content`.
    void writeProfileJson(const QString& folder, const QByteArray& content)
    {
        ASSERT_TRUE(QDir(root.path()).mkpath(folder));
        QFile f(QDir(root.filePath(folder)).filePath(QStringLiteral("profile.json")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

    TempDir root;
    MemoryKeyStore keychain;
    std::unique_ptr<AppController> app;
};

TEST_F(AppFlowTest, UnreadableProfilesAreReportedNotTakenForAFirstRun)
{
    ASSERT_NO_FATAL_FAILURE(writeProfileJson(QStringLiteral("damaged"), "{ \"format\": 1, \"id\": "));
    ASSERT_NO_FATAL_FAILURE(writeProfileJson(
        QStringLiteral("from-the-future"),
        R"({"format": 99, "id": "x", "name": "Future", "keyProtection": "keychain"})"));
    startApp();
    auto* box = waitForVisible<QMessageBox>(QStringLiteral("profileProblemsBox"));
    ASSERT_NE(box, nullptr) << "the user is told, rather than sent to the first-run wizard";
    EXPECT_EQ(findVisible(QStringLiteral("newProfileWizard")), nullptr);
    EXPECT_TRUE(box->detailedText().contains(QStringLiteral("damaged"))) << box->detailedText().toStdString();
    EXPECT_TRUE(box->detailedText().contains(QStringLiteral("from-the-future"))) << box->detailedText().toStdString();
    EXPECT_TRUE(box->detailedText().contains(QStringLiteral("newer version"))) << box->detailedText().toStdString();

    // A new profile can still be made from there; the folders are left as they were.
    click(child<QPushButton>(box, QStringLiteral("problemsNewProfileButton")));
    EXPECT_NE(waitForVisible(QStringLiteral("newProfileWizard")), nullptr);
    EXPECT_TRUE(QFile::exists(root.filePath(QStringLiteral("damaged/profile.json"))));
}

TEST_F(AppFlowTest, UnreadableProfilesAreListedBesideTheReadableOnes)
{
    ProfileInfo good;
    good.dir = root.filePath(QStringLiteral("good"));
    good.id = QStringLiteral("0190a5d2-0000-7000-8000-000000000001");
    good.name = QStringLiteral("Good One");
    good.protection = KeyProtection::Passphrase;
    ASSERT_TRUE(QDir().mkpath(good.dir));
    ASSERT_TRUE(good.write().ok());
    ASSERT_NO_FATAL_FAILURE(writeProfileJson(QStringLiteral("damaged"), "not json at all"));
    startApp();
    auto* unlock = waitForVisible<UnlockDialog>(QStringLiteral("unlockDialog"));
    ASSERT_NE(unlock, nullptr);
    EXPECT_EQ(unlock->selectedProfile().name, QStringLiteral("Good One"));
    auto* problems = child<MessageLabel>(unlock, QStringLiteral("unlockProblems"));
    EXPECT_TRUE(problems->isVisible());
    EXPECT_EQ(problems->kind(), MessageLabel::Kind::Warning);
    EXPECT_TRUE(problems->text().contains(QStringLiteral("damaged"))) << problems->text().toStdString();
}

TEST_F(AppFlowTest, KeychainProfileFromWizardToSearchAfterRestart)
{
    startApp();
    NewProfileWizard* wizard = startWizard(QStringLiteral("Field Sales"));
    ASSERT_NE(wizard, nullptr);
    auto* keychainRadio = child<QRadioButton>(wizard, QStringLiteral("keychainRadio"));
    EXPECT_TRUE(keychainRadio->isEnabled());
    EXPECT_TRUE(keychainRadio->isChecked()) << "the keychain is the default when it is available";
    click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
    ASSERT_NO_FATAL_FAILURE(finishWizard(wizard));
    EXPECT_EQ(keychain.size(), 1);
    const QString dir = app->workspace()->info().dir;
    EXPECT_EQ(QDir::cleanPath(dir), QDir::cleanPath(root.filePath(QStringLiteral("field-sales"))));

    ContactsPage* page = contactsPage();
    ASSERT_NE(page, nullptr);
    EXPECT_TRUE(child<QLabel>(page, QStringLiteral("contactEmptyState"))->isVisible());
    EXPECT_EQ(child<QLabel>(page, QStringLiteral("contactCount"))->text(), QStringLiteral("0 contacts"));
    const QString id = addContactThroughForm();
    ASSERT_FALSE(id.isEmpty());
    EXPECT_FALSE(child<QLabel>(page, QStringLiteral("contactEmptyState"))->isVisible());
    EXPECT_EQ(child<QLabel>(page, QStringLiteral("contactCount"))->text(), QStringLiteral("1 contact"));
    EXPECT_EQ(child<QLabel>(app->mainWindow(), QStringLiteral("statusSummary"))->text(), QStringLiteral("1 contact"));

    // Lock with Ctrl+L; nothing of the profile is left on screen or open.
    ASSERT_NO_FATAL_FAILURE(lockWithShortcut());
    ASSERT_NO_FATAL_FAILURE(expectLockedState());

    // Unlock: the keychain opens it; the window is back where it was.
    click(child<QPushButton>(app->unlockDialog(), QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
    page = contactsPage();
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(app->mainWindow()->currentPageId(), QStringLiteral("contacts"));
    EXPECT_EQ(page->selectedId(), id);
    EXPECT_EQ(child<QLabel>(page, QStringLiteral("detailName"))->text(), QStringLiteral("Ada Lovelace"));

    // "Restart": window and workspace go, new ones are made from the same folder.
    app.reset();
    EXPECT_EQ(findVisible(QStringLiteral("mainWindow")), nullptr);
    startApp();
    auto* unlock = waitForVisible<UnlockDialog>(QStringLiteral("unlockDialog"));
    ASSERT_NE(unlock, nullptr);
    EXPECT_EQ(unlock->mode(), UnlockDialog::Mode::Startup);
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; })) << "keychain profiles unlock by themselves at start";
    page = contactsPage();
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(page->selectedId(), id) << "the selection is restored after a restart";
    ASSERT_NO_FATAL_FAILURE(searchAndFind(id));
}

TEST_F(AppFlowTest, PassphraseProfileFromWizardToSearchAfterRestart)
{
    keychain.setAvailable(false);
    startApp();
    NewProfileWizard* wizard = startWizard(QStringLiteral("Support Desk"));
    ASSERT_NE(wizard, nullptr);
    EXPECT_FALSE(child<QRadioButton>(wizard, QStringLiteral("keychainRadio"))->isEnabled());
    EXPECT_TRUE(child<QRadioButton>(wizard, QStringLiteral("passphraseRadio"))->isChecked());
    auto* next = child<QPushButton>(wizard, QStringLiteral("wizardNextButton"));
    auto* message = child<MessageLabel>(wizard, QStringLiteral("passphraseMessage"));
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseEdit")), QStringLiteral("short"));
    EXPECT_TRUE(message->isVisible());
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Warning);
    EXPECT_FALSE(next->isEnabled());
    const QString passphrase = QStringLiteral("copper kettle under nine maples");
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseEdit")), passphrase);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseRepeatEdit")), QStringLiteral("copper kettle"));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error) << "the two entries differ";
    EXPECT_FALSE(next->isEnabled());
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseRepeatEdit")), passphrase);
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Success);
    ASSERT_TRUE(next->isEnabled());
    click(next);
    ASSERT_NO_FATAL_FAILURE(finishWizard(wizard));
    EXPECT_EQ(app->workspace()->info().protection, KeyProtection::Passphrase);
    const ProfileInfo info = app->workspace()->info();
    EXPECT_TRUE(QFile::exists(info.wrappedKeyPath()));

    const QString id = addContactThroughForm();
    ASSERT_FALSE(id.isEmpty());

    // Lock from the menu action this time.
    app->mainWindow()->findChild<QAction*>(QStringLiteral("actionLock"))->trigger();
    ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }));
    ASSERT_NO_FATAL_FAILURE(expectLockedState());
    const QByteArray before = sha256OfFile(info.databasePath());

    // A wrong passphrase: an inline message, the field keeps focus, nothing else happens.
    UnlockDialog* unlock = app->unlockDialog();
    auto* field = child<QLineEdit>(unlock, QStringLiteral("unlockPassphraseEdit"));
    ASSERT_TRUE(field->isVisible());
    typeInto(field, QStringLiteral("copper kettle under nine maple"));
    click(child<QPushButton>(unlock, QStringLiteral("unlockButton")));
    EXPECT_TRUE(unlock->isBusy());
    auto* unlockMessage = child<MessageLabel>(unlock, QStringLiteral("unlockMessage"));
    ASSERT_TRUE(waitUntil([&] { return !unlock->isBusy(); }, 30000));
    EXPECT_TRUE(unlockMessage->isVisible());
    EXPECT_EQ(unlockMessage->kind(), MessageLabel::Kind::Error);
    EXPECT_TRUE(unlockMessage->text().contains(QStringLiteral("not correct"))) << unlockMessage->text().toStdString();
    EXPECT_EQ(unlock->focusWidget(), field);
    EXPECT_TRUE(field->hasSelectedText());
    EXPECT_TRUE(unlock->isVisible());
    EXPECT_EQ(app->workspace(), nullptr);
    EXPECT_EQ(sha256OfFile(info.databasePath()), before) << "a failed attempt leaves the database as it was";

    typeInto(field, passphrase);
    QTest::keyClick(field, Qt::Key_Return);
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }, 30000));
    ASSERT_NE(contactsPage(), nullptr);
    EXPECT_EQ(contactsPage()->selectedId(), id);

    // Restart: passphrase profiles wait for the passphrase.
    app.reset();
    startApp();
    unlock = waitForVisible<UnlockDialog>(QStringLiteral("unlockDialog"));
    ASSERT_NE(unlock, nullptr);
    EXPECT_FALSE(unlock->isBusy());
    typeInto(child<QLineEdit>(unlock, QStringLiteral("unlockPassphraseEdit")), passphrase);
    click(child<QPushButton>(unlock, QStringLiteral("unlockButton")));
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }, 30000));
    ASSERT_NO_FATAL_FAILURE(searchAndFind(id));
}

TEST_F(AppFlowTest, RefusedKeychainInTheWizardOffersThePassphrase)
{
    startApp();
    NewProfileWizard* wizard = startWizard(QStringLiteral("Finance"));
    ASSERT_NE(wizard, nullptr);
    keychain.failNext(KeyStore::Status::Denied, QStringLiteral("the user said no"));
    click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
    auto* retry = waitForVisible<QPushButton>(QStringLiteral("retryButton"));
    ASSERT_NE(retry, nullptr);
    EXPECT_FALSE(wizard->hasCreated());
    auto* error = child<MessageLabel>(wizard, QStringLiteral("createMessage"));
    EXPECT_EQ(error->kind(), MessageLabel::Kind::Error);
    EXPECT_TRUE(error->text().contains(QStringLiteral("the user said no"))) << error->text().toStdString();
    auto* usePassphrase = child<QPushButton>(wizard, QStringLiteral("usePassphraseButton"));
    ASSERT_TRUE(usePassphrase->isVisible());
    click(usePassphrase);
    EXPECT_EQ(wizard->currentId(), NewProfileWizard::ProtectionPageId);
    EXPECT_TRUE(child<QRadioButton>(wizard, QStringLiteral("passphraseRadio"))->isChecked());
    const QString passphrase = QStringLiteral("seven quiet lanterns by the sea");
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseEdit")), passphrase);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("passphraseRepeatEdit")), passphrase);
    click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
    ASSERT_NO_FATAL_FAILURE(finishWizard(wizard));
    EXPECT_EQ(app->workspace()->info().protection, KeyProtection::Passphrase);
}

TEST_F(AppFlowTest, KeychainTroubleAtUnlockIsExplainedAndRetried)
{
    startApp();
    NewProfileWizard* wizard = startWizard(QStringLiteral("Team North"));
    ASSERT_NE(wizard, nullptr);
    click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
    ASSERT_NO_FATAL_FAILURE(finishWizard(wizard));
    const ProfileInfo info = app->workspace()->info();
    app.reset();
    const QByteArray before = sha256OfFile(info.databasePath());

    keychain.failNext(KeyStore::Status::Unavailable, QStringLiteral("no Secret Service on the bus"));
    startApp();
    auto* unlock = waitForVisible<UnlockDialog>(QStringLiteral("unlockDialog"));
    ASSERT_NE(unlock, nullptr);
    auto* message = child<MessageLabel>(unlock, QStringLiteral("unlockMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible() && !unlock->isBusy(); }));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error);
    EXPECT_TRUE(message->text().contains(QStringLiteral("no Secret Service"))) << message->text().toStdString();
    auto* button = child<QPushButton>(unlock, QStringLiteral("unlockButton"));
    EXPECT_EQ(button->text(), QStringLiteral("&Try Again"));
    EXPECT_EQ(app->workspace(), nullptr);
    EXPECT_EQ(sha256OfFile(info.databasePath()), before);
    click(button);
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }));
}

TEST_F(AppFlowTest, CancelWhileUnlockingAbandonsTheAttempt)
{
    startApp();
    NewProfileWizard* wizard = startWizard(QStringLiteral("Cancel Me"));
    ASSERT_NE(wizard, nullptr);
    click(child<QPushButton>(wizard, QStringLiteral("wizardNextButton")));
    ASSERT_NO_FATAL_FAILURE(finishWizard(wizard));
    const ProfileInfo info = app->workspace()->info();
    app.reset();

    ProfileManager manager(&keychain);
    UnlockDialog dialog(manager, {info}, info.dir, UnlockDialog::Mode::Startup);
    dialog.setAutoUnlock(false);
    dialog.show();
    auto* progress = child<QWidget>(&dialog, QStringLiteral("unlockProgress"));
    EXPECT_FALSE(progress->isVisible());
    click(child<QPushButton>(&dialog, QStringLiteral("unlockButton")));
    EXPECT_TRUE(dialog.isBusy());
    EXPECT_TRUE(progress->isVisible());
    EXPECT_EQ(child<QLabel>(&dialog, QStringLiteral("unlockStatus"))->text(), QStringLiteral("Unlocking with the keychain…"));
    // The keychain answers from the event loop, so Cancel comes first.
    click(child<QPushButton>(&dialog, QStringLiteral("unlockCancelButton")));
    EXPECT_FALSE(dialog.isBusy());
    EXPECT_TRUE(dialog.isVisible()) << "Cancel while unlocking stops the attempt, not the dialog";
    bool accepted = false;
    QObject::connect(&dialog, &QDialog::accepted, &dialog, [&] { accepted = true; });
    // Let the late answer arrive (the keychain answers through queued calls): it is dropped.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    EXPECT_FALSE(accepted);
    EXPECT_EQ(dialog.takeWorkspace(), nullptr);
    EXPECT_EQ(child<MessageLabel>(&dialog, QStringLiteral("unlockMessage"))->text(), QStringLiteral("Unlocking was cancelled."));
}

} // namespace
