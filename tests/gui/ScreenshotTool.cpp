// outpost_screenshots <output-dir> [--contacts N] [--theme light|dark|both]
//
// Renders the main screens of the desktop application offscreen into PNG files, in the light and the dark
// palette, from a throw-away profile filled with demo contacts. For looking at the UI as a user would and
// for docs/screenshots. Not a test: it asserts nothing.
#include "companies/CompaniesPage.h"
#include "companies/CompanyEditDialog.h"
#include "companies/CompanyRepository.h"
#include "contacts/ContactEditDialog.h"
#include "contacts/LabelledValues.h"
#include "customfields/CustomFieldsPage.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "demo/DemoDataLoader.h"
#include "keys/MemoryKeyStore.h"
#include "profile/NewProfileWizard.h"
#include "profile/ProfileManager.h"
#include "profile/MigrationProgressDialog.h"
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
#include <QJsonArray>
#include <QJsonObject>
#include <QTabWidget>
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

// Companies, custom fields and a contact that uses them all, for the company and custom-field screens.
// Returns the id of the contact with the extras.
QString seedCrm(Workspace& ws, const QString& contactId)
{
    MutationEngine& m = ws.mutations();
    auto submit = [&](const QString& name, const QJsonObject& args) {
        if (auto r = m.submit(name, args); !r)
            QTextStream(stderr) << name << ": " << r.message() << Qt::endl;
    };
    const QString acme = newUuidV7();
    submit(QStringLiteral("company.create"),
           QJsonObject{{QStringLiteral("id"), acme},
                       {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Brückner Naturkosmetik GmbH")},
                                                              {QStringLiteral("industry"), QStringLiteral("Cosmetics")},
                                                              {QStringLiteral("domain"), QStringLiteral("brueckner-natur.example")},
                                                              {QStringLiteral("phone"), QStringLiteral("+49 89 4411 200")},
                                                              {QStringLiteral("street"), QStringLiteral("Isartalstraße 12")},
                                                              {QStringLiteral("postalCode"), QStringLiteral("80469")},
                                                              {QStringLiteral("city"), QStringLiteral("München")},
                                                              {QStringLiteral("country"), QStringLiteral("DE")}}}});
    const QStringList others = {QStringLiteral("Aalto Wellness Oy|Wellness|Helsinki|FI"), QStringLiteral("Lumière Beauté SARL|Retail|Lyon|FR"),
                                QStringLiteral("Northwind Traders|Wholesale|London|GB"), QStringLiteral("Okafor Health Ltd|Nutrition|Manchester|GB")};
    for (const QString& o : others) {
        const QStringList p = o.split(QLatin1Char('|'));
        submit(QStringLiteral("company.create"),
               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                           {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), p.at(0)}, {QStringLiteral("industry"), p.at(1)},
                                                                  {QStringLiteral("city"), p.at(2)}, {QStringLiteral("country"), p.at(3)}}}});
    }
    auto define = [&](const QString& entity, const QString& key, const QString& label, const QString& type,
                      const QJsonArray& options, const QJsonObject& rules = {}) {
        submit(QStringLiteral("customfield.define"),
               QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), entity}, {QStringLiteral("key"), key},
                           {QStringLiteral("label"), label}, {QStringLiteral("type"), type}, {QStringLiteral("options"), options},
                           {QStringLiteral("rules"), rules}});
    };
    define(QStringLiteral("contact"), QStringLiteral("tier"), QStringLiteral("Customer tier"), QStringLiteral("choice"),
           {QStringLiteral("Gold"), QStringLiteral("Silver"), QStringLiteral("Bronze")});
    define(QStringLiteral("contact"), QStringLiteral("interests"), QStringLiteral("Interests"), QStringLiteral("multichoice"),
           {QStringLiteral("Skin care"), QStringLiteral("Hair"), QStringLiteral("Nutrition"), QStringLiteral("Fitness")});
    define(QStringLiteral("contact"), QStringLiteral("birthday"), QStringLiteral("Birthday"), QStringLiteral("date"), {});
    define(QStringLiteral("contact"), QStringLiteral("team_size"), QStringLiteral("Team size"), QStringLiteral("number"), {},
           QJsonObject{{QStringLiteral("min"), 0}, {QStringLiteral("max"), 10000}});
    define(QStringLiteral("company"), QStringLiteral("segment"), QStringLiteral("Segment"), QStringLiteral("choice"),
           {QStringLiteral("SMB"), QStringLiteral("Mid-market"), QStringLiteral("Enterprise")});
    submit(QStringLiteral("company.update"),
           QJsonObject{{QStringLiteral("id"), acme}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("custom.segment"), QStringLiteral("Mid-market")}}}});
    submit(QStringLiteral("contact.update"),
           QJsonObject{{QStringLiteral("id"), contactId},
                       {QStringLiteral("set"),
                        QJsonObject{{QStringLiteral("companyId"), acme},
                                    {QStringLiteral("company"), QStringLiteral("Brückner Naturkosmetik GmbH")},
                                    {QStringLiteral("tags"), QStringLiteral("vip, key account")},
                                    {QStringLiteral("otherEmails"), LabelledValues::toJson(QList<LabelledValue>{
                                                                        {QStringLiteral("home"), QStringLiteral("private.mail@example.org")}})},
                                    {QStringLiteral("otherPhones"), LabelledValues::toJson(QList<LabelledValue>{
                                                                        {QStringLiteral("mobile"), QStringLiteral("+49 170 5550123")},
                                                                        {QStringLiteral("fax"), QStringLiteral("+49 89 4411 299")}})},
                                    {QStringLiteral("custom.tier"), QStringLiteral("Gold")},
                                    {QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Skin care"), QStringLiteral("Nutrition")}},
                                    {QStringLiteral("custom.team_size"), 42}}}});
    return acme;
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
            MigrationProgressDialog migration;
            migration.setStep(2, 3);
            migration.show();
            save(&migration, QStringLiteral("migration-progress"));
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

            // Companies and custom fields (seeded once, on the contact shown in the edit dialog).
            static QString acme;
            if (acme.isEmpty())
                acme = seedCrm(*workspace, page->model()->idAt(3));
            settle();
            page->table()->selectRow(3);
            save(&window, QStringLiteral("main-contact-extras"));
            window.showPage(QStringLiteral("companies"));
            if (auto* companies = qobject_cast<CompaniesPage*>(window.currentPage())) {
                companies->selectCompany(acme);
                save(&window, QStringLiteral("companies"));
                auto company = CompanyRepository(workspace->database()).find(acme);
                if (company && company.value()) {
                    CompanyEditDialog edit(*workspace, *company.value(), &window);
                    edit.show();
                    save(&edit, QStringLiteral("company-edit"));
                }
            }
            window.showPage(QStringLiteral("customfields"));
            save(&window, QStringLiteral("custom-fields"));
            window.showPage(QStringLiteral("contacts"));

            auto contact = workspace->contacts().find(page->model()->idAt(3));
            if (contact && contact.value()) {
                ContactEditDialog edit(*workspace, *contact.value(), &window);
                edit.show();
                QLineEdit* email = find<QLineEdit>(&edit, QStringLiteral("emailEdit"));
                email->setText(email->text().section(QLatin1Char('@'), 0, 0) + QLatin1Char('@'));
                save(&edit, QStringLiteral("edit"));
                edit.tabs()->setCurrentIndex(1);
                save(&edit, QStringLiteral("edit-more-details"));
                edit.tabs()->setCurrentIndex(2);
                save(&edit, QStringLiteral("edit-custom-fields"));
            }
            {
                ContactEditDialog blank(*workspace, Contact(), &window);
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
