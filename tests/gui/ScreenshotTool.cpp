// outpost_screenshots <output-dir> [--contacts N] [--theme light|dark|both]
//
// Renders the main screens of the desktop application offscreen into PNG files, in the light and the dark
// palette, from a throw-away profile filled with demo contacts. For looking at the UI as a user would and
// for docs/screenshots. Not a test: it asserts nothing.
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "demo/DemoDataLoader.h"
#include "keys/MemoryKeyStore.h"
#include "profile/NewProfileWizard.h"
#include "profile/ProfileManager.h"
#include "profile/UnlockDialog.h"
#include "settings/RotateKeyDialog.h"
#include "settings/SettingsDialog.h"
#include "shell/AboutDialog.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"

#include "Wait.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <optional>

using namespace outpost;

namespace {

// The in-memory key store under the name a Linux desktop would show. While `holdWrites` is set, writes
// are never answered (a keychain waiting on a prompt), to show what the UI does meanwhile.
class ScreenshotKeyStore final : public KeyStore
{
public:
    bool holdWrites = false;

    bool isAvailable() const override { return true; }
    QString backendName() const override { return QStringLiteral("Secret Service"); }
    void read(const QString& account, ReadCallback done) override { m_store.read(account, std::move(done)); }
    void write(const QString& account, const SecretBytes& secret, WriteCallback done) override
    {
        if (holdWrites)
            return;
        m_store.write(account, secret, std::move(done));
    }
    void remove(const QString& account, WriteCallback done) override { m_store.remove(account, std::move(done)); }

private:
    MemoryKeyStore m_store;
};

void settle()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}

QString g_out;
QString g_mode;

void save(QWidget* w, const QString& name)
{
    settle();
    const QString path = QDir(g_out).filePath(QStringLiteral("%1-%2.png").arg(name, g_mode));
    if (!w->grab().save(path))
        QTextStream(stderr) << "could not write " << path << Qt::endl;
    else
        QTextStream(stdout) << path << Qt::endl;
}

template <typename T>
T* find(QWidget* root, const QString& name)
{
    return root->findChild<T*>(name);
}

std::unique_ptr<Workspace> create(ProfileManager& manager, const QString& dir, const QString& name,
                                  KeyProtection protection, const QString& passphrase = {})
{
    ProfileManager::NewProfile request;
    request.dir = dir;
    request.name = name;
    request.protection = protection;
    request.passphrase = passphrase;
    std::optional<Result<std::unique_ptr<Workspace>>> result;
    manager.create(request, [&](Result<std::unique_ptr<Workspace>> r) { result.emplace(std::move(r)); });
    outpost::test::waitUntil([&] { return result.has_value(); });
    if (!result || !result->ok()) {
        QTextStream(stderr) << "creating " << name << " failed: " << (result ? result->message() : QString())
                            << Qt::endl;
        return nullptr;
    }
    return std::move(result->value());
}

} // namespace

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutpostScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("outpost-screenshots"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTPOST_VERSION));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    installTranslators(app, QLocale(QLocale::English, QLocale::UnitedStates));

    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("output-dir"), QStringLiteral("Where the PNG files go."));
    const QCommandLineOption contactsOption(QStringLiteral("contacts"), QStringLiteral("Demo contacts."),
                                            QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light, dark or both."),
                                         QStringLiteral("mode"), QStringLiteral("both"));
    parser.addOptions({contactsOption, themeOption});
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    g_out = parser.positionalArguments().constFirst();
    QDir().mkpath(g_out);

    Theme theme(app);
    QApplication::setWindowIcon(applicationIcon());
    QTemporaryDir tmp;
    ScreenshotKeyStore keychain;
    ProfileManager manager(&keychain);

    auto workspace = create(manager, tmp.filePath(QStringLiteral("northwind")), QStringLiteral("Northwind Sales"),
                            KeyProtection::Keychain);
    auto compliance = create(manager, tmp.filePath(QStringLiteral("compliance")), QStringLiteral("Compliance"),
                             KeyProtection::Passphrase, QStringLiteral("copper kettle under nine maples"));
    if (!workspace || !compliance)
        return 1;
    const ProfileInfo complianceInfo = compliance->info();
    compliance.reset();
    DemoDataLoader::Options demo;
    demo.contacts = parser.value(contactsOption).toLongLong();
    if (auto loaded = DemoDataLoader::loadContacts(*workspace, demo); !loaded) {
        QTextStream(stderr) << "demo data: " << loaded.message() << Qt::endl;
        return 1;
    }

    QStringList modes;
    const QString which = parser.value(themeOption);
    if (which != QLatin1String("dark"))
        modes << QStringLiteral("light");
    if (which != QLatin1String("light"))
        modes << QStringLiteral("dark");

    for (const QString& mode : std::as_const(modes)) {
        g_mode = mode;
        theme.setMode(Theme::modeFromString(mode));

        {
            NewProfileWizard wizard(manager, tmp.filePath(QStringLiteral("new")));
            wizard.show();
            find<QLineEdit>(&wizard, QStringLiteral("profileNameEdit"))->setText(QStringLiteral("Team North"));
            save(&wizard, QStringLiteral("wizard-name"));
            wizard.next();
            find<QRadioButton>(&wizard, QStringLiteral("passphraseRadio"))->setChecked(true);
            find<QLineEdit>(&wizard, QStringLiteral("passphraseEdit"))->setText(QStringLiteral("lantern harbour 42"));
            save(&wizard, QStringLiteral("wizard-protection"));
        }
        {
            UnlockDialog unlock(manager, {workspace->info(), complianceInfo}, complianceInfo.dir,
                                UnlockDialog::Mode::Startup);
            unlock.setAutoUnlock(false);
            unlock.show();
            find<QLineEdit>(&unlock, QStringLiteral("unlockPassphraseEdit"))->setText(QStringLiteral("copper kettle"));
            unlock.startUnlock();
            outpost::test::waitUntil([&] { return !unlock.isBusy(); });
            save(&unlock, QStringLiteral("unlock"));
        }
        {
            MainWindow window(workspace->info(), manager);
            window.attach(*workspace);
            window.resize(1280, 780);
            window.show();
            auto* page = qobject_cast<ContactsPage*>(window.currentPage());
            settle();
            page->table()->selectRow(3);
            save(&window, QStringLiteral("main"));

            page->searchField()->setText(QStringLiteral("mül"));
            outpost::test::waitUntil([&] { return page->model()->searchText() == QStringLiteral("mül"); });
            page->table()->selectRow(0);
            save(&window, QStringLiteral("main-search"));
            page->searchField()->clear();
            outpost::test::waitUntil([&] { return !page->model()->isSearching(); });

            auto contact = workspace->contacts().find(page->model()->idAt(3));
            if (contact && contact.value()) {
                ContactEditDialog edit(workspace->mutations(), *contact.value(), &window);
                edit.show();
                QLineEdit* email = find<QLineEdit>(&edit, QStringLiteral("emailEdit"));
                email->setText(email->text().section(QLatin1Char('@'), 0, 0) + QLatin1Char('@'));
                save(&edit, QStringLiteral("edit"));
            }
            {
                ContactEditDialog blank(workspace->mutations(), Contact(), &window);
                blank.show();
                save(&blank, QStringLiteral("new-contact"));
            }
            {
                AboutDialog about(workspace->info(), &workspace->database(), &keychain, &window);
                about.show();
                save(&about, QStringLiteral("about"));
            }
            {
                SettingsDialog settings(window.settings(), *workspace, manager, -1, &window);
                settings.show();
                save(&settings, QStringLiteral("settings"));
            }
            {
                RotateKeyDialog rotate(manager, *workspace, &window);
                rotate.show();
                save(&rotate, QStringLiteral("rotate-key-idle"));
                keychain.holdWrites = true;
                find<QPushButton>(&rotate, QStringLiteral("rotateStartButton"))->click();
                outpost::test::waitUntil([&] { return rotate.stage() == RotateKeyDialog::Stage::WaitingForKeychain; });
                save(&rotate, QStringLiteral("rotate-key-waiting"));
                rotate.reject(); // cancels: the keychain never answered
                keychain.holdWrites = false;
            }
            window.detach();
            save(&window, QStringLiteral("locked"));
        }
    }
    return 0;
}
