// outpost_privacy_screenshots <output-dir> [--theme light|dark|both]
//
// Renders the privacy UI offscreen into PNG files, in the light and the dark palette: a contact's details
// with consents in force, withdrawn and expired, the Privacy menu, the consent dialog, the person export
// (finished), and the erase dialog before and after the erase with the page showing the pseudonym.
// Not a test: it asserts nothing.
#include "contacts/ContactsPage.h"
#include "contacts/ContactListModel.h"
#include "demo/DemoDataLoader.h"
#include "privacy/ConsentDialog.h"
#include "privacy/EraseContactDialog.h"
#include "privacy/PersonExportDialog.h"
#include "profile/Workspace.h"
#include "shell/Translations.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"
#include "util/Uuid.h"

#include "Wait.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QToolButton>

using namespace outpost;
using outpost::test::waitUntil;

namespace {

QString g_out;
QString g_mode;
constexpr qint64 kDay = 24LL * 3600 * 1000;

void settle()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}

void save(QWidget* w, const QString& name)
{
    settle();
    const QString path = QDir(g_out).filePath(QStringLiteral("%1-%2.png").arg(name, g_mode));
    if (!w->grab().save(path))
        QTextStream(stderr) << "could not write " << path << Qt::endl;
    else
        QTextStream(stdout) << path << Qt::endl;
}

void submit(Workspace& ws, const QString& name, const QJsonObject& args)
{
    if (auto m = ws.mutations().submit(name, args); !m)
        QTextStream(stderr) << name << ": " << m.message() << Qt::endl;
}

QString seedPerson(Workspace& ws)
{
    const QString id = newUuidV7();
    submit(ws, QStringLiteral("contact.create"),
           {{QStringLiteral("id"), id},
            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Rosalind")},
                                                   {QStringLiteral("lastName"), QStringLiteral("Aaronson")},
                                                   {QStringLiteral("email"), QStringLiteral("rosalind@aaronson.example")},
                                                   {QStringLiteral("phone"), QStringLiteral("+44 20 7946 0321")},
                                                   {QStringLiteral("company"), QStringLiteral("Aaronson Wellness Ltd")},
                                                   {QStringLiteral("city"), QStringLiteral("Leeds")},
                                                   {QStringLiteral("country"), QStringLiteral("GB")}}}});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto give = [&](const QString& purpose, const QString& source, qint64 given, qint64 expires) {
        const QString cid = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), cid},          {QStringLiteral("contactId"), id},
                         {QStringLiteral("purpose"), purpose}, {QStringLiteral("source"), source},
                         {QStringLiteral("givenAt"), double(given)}};
        if (expires > 0)
            args.insert(QStringLiteral("expiresAt"), double(expires));
        submit(ws, QStringLiteral("consent.give"), args);
        return cid;
    };
    give(QStringLiteral("Postal mail"), QStringLiteral("signed paper form"), now - 20 * kDay, now + 710 * kDay);
    const QString calls = give(QStringLiteral("Phone calls"), QStringLiteral("phone call"), now - 300 * kDay, 0);
    submit(ws, QStringLiteral("consent.withdraw"),
           {{QStringLiteral("id"), calls}, {QStringLiteral("withdrawnAt"), double(now - 12 * kDay)}});
    give(QStringLiteral("Newsletter by e-mail"), QStringLiteral("web form"), now - 800 * kDay, now - 70 * kDay);
    return id;
}

} // namespace

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    installTranslators(app, QLocale(QLocale::English, QLocale::UnitedStates));
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("output-dir"), QStringLiteral("Where the PNG files go."));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light, dark or both."),
                                         QStringLiteral("mode"), QStringLiteral("both"));
    parser.addOption(themeOption);
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    g_out = parser.positionalArguments().constFirst();
    QDir().mkpath(g_out);
    Theme theme(app);
    QApplication::setWindowIcon(applicationIcon());
    QTemporaryDir tmp;
    QStringList modes;
    const QString which = parser.value(themeOption);
    if (which != QLatin1String("dark"))
        modes << QStringLiteral("light");
    if (which != QLatin1String("light"))
        modes << QStringLiteral("dark");

    for (const QString& mode : std::as_const(modes)) {
        g_mode = mode;
        theme.setMode(Theme::modeFromString(mode));
        ProfileInfo info;
        info.dir = tmp.filePath(mode);
        info.id = newUuidV7();
        info.name = QStringLiteral("Northwind Sales");
        QDir().mkpath(info.dir);
        auto opened = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
        if (!opened) {
            QTextStream(stderr) << opened.message() << Qt::endl;
            return 1;
        }
        Workspace& ws = *opened.value();
        DemoDataLoader::Options demo;
        demo.contacts = 200;
        if (auto loaded = DemoDataLoader::loadContacts(ws, demo); !loaded)
            QTextStream(stderr) << "demo data: " << loaded.message() << Qt::endl;
        const QString id = seedPerson(ws);

        ContactsPage page(ws);
        page.resize(1280, 820);
        page.show();
        settle();
        waitUntil([&] { return page.model()->rowCount() > 0; });
        for (int r = 0; r < page.model()->rowCount(); ++r) {
            if (page.model()->idAt(r) == id)
                page.table()->selectRow(r);
        }
        save(&page, QStringLiteral("privacy-contact-consents"));

        auto* privacy = page.findChild<QToolButton*>(QStringLiteral("privacyButton"));
        privacy->menu()->popup(privacy->mapToGlobal(QPoint(0, privacy->height())));
        save(privacy->menu(), QStringLiteral("privacy-menu"));
        privacy->menu()->hide();

        {
            ConsentDialog dialog(ws.mutations(), id, std::nullopt, QDateTime::currentMSecsSinceEpoch(), &page);
            dialog.show();
            save(&dialog, QStringLiteral("privacy-consent-dialog"));
        }
        {
            PersonExportDialog dialog(ws, id, QStringLiteral("Rosalind Aaronson"), &page);
            dialog.folderEdit()->setText(tmp.filePath(mode + QStringLiteral("/Rosalind Aaronson personal data")));
            dialog.show();
            save(&dialog, QStringLiteral("privacy-export-idle"));
            dialog.startExport();
            waitUntil([&] { return !dialog.findChild<QPushButton*>(QStringLiteral("personExportButton"))->isEnabled()
                                   && dialog.findChild<QWidget*>(QStringLiteral("personExportMessage"))->isVisible(); },
                      30000);
            save(&dialog, QStringLiteral("privacy-export-done"));
        }
        QString pseudonym;
        {
            EraseContactDialog dialog(ws, id, QStringLiteral("Rosalind Aaronson"), &page);
            dialog.show();
            save(&dialog, QStringLiteral("privacy-erase-confirm"));
            dialog.findChild<QCheckBox*>(QStringLiteral("eraseConfirmCheck"))->setChecked(true);
            dialog.findChild<QPushButton*>(QStringLiteral("eraseButton"))->click();
            waitUntil([&] { return !dialog.pseudonym().isEmpty(); }, 30000);
            save(&dialog, QStringLiteral("privacy-erase-done"));
            pseudonym = dialog.pseudonym();
        }
        auto* name = page.findChild<QLabel*>(QStringLiteral("detailName"));
        waitUntil([&] { return name->text() == pseudonym; }); // the page's coalesced refresh
        save(&page, QStringLiteral("privacy-contact-erased"));
    }
    return 0;
}
