// outpost_import_screenshots <output-dir> [--theme light|dark|both]
//
// Renders the import and export UI offscreen into PNG files, in the light and the dark palette: the File
// menu, every page of the import wizard (a semicolon-separated Windows-1252 CSV with a broken line and a
// malformed e-mail, a vCard file, the column step with a problem, the import running and cancelled, the
// result with rejected lines and after Undo), the import history (with a refused undo) and the export
// dialog (idle, running, finished). Not a test: it asserts nothing.
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "demo/DemoDataLoader.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ContactImporter.h"
#include "importexport/ExportDialog.h"
#include "importexport/ImportExportActions.h"
#include "importexport/ImportHistoryDialog.h"
#include "importexport/ImportMappingPage.h"
#include "importexport/ImportUndoTask.h"
#include "importexport/ImportWizard.h"
#include "importexport/ProgressPanel.h"
#include "keys/MemoryKeyStore.h"
#include "profile/ProfileManager.h"
#include "profile/Workspace.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"

#include "Wait.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <optional>

using namespace outpost;
using outpost::test::waitUntil;

namespace {

QString g_out;
QString g_mode;

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

// The visible child named `name` (a closed message box lingers until the event loop deletes it).
template <typename T>
T* findVisible(QWidget* root, const QString& name)
{
    for (T* w : root->findChildren<T*>(name))
        if (w->isVisible())
            return w;
    return nullptr;
}

// Confirms the open "Undo the import?" question over `root`.
void confirmUndo(QWidget* root, bool screenshot = false)
{
    settle();
    if (auto* box = findVisible<QMessageBox>(root, QStringLiteral("confirmUndoBox"))) {
        if (screenshot)
            save(box, QStringLiteral("import-undo-confirm"));
        box->findChild<QPushButton*>(QStringLiteral("confirmUndoButton"))->click();
    }
}

// What a user's screen would give these windows (the offscreen screen is small).
void sized(QWidget* w, QSize size)
{
    w->resize(size);
    settle();
}

QString writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QTextStream(stderr) << "could not write " << path << Qt::endl;
    f.write(bytes);
    return path;
}

std::unique_ptr<Workspace> create(ProfileManager& manager, const QString& dir, const QString& name)
{
    ProfileManager::NewProfile request;
    request.dir = dir;
    request.name = name;
    request.protection = KeyProtection::Keychain;
    std::optional<Result<std::unique_ptr<Workspace>>> result;
    manager.create(request, [&](Result<std::unique_ptr<Workspace>> r) { result.emplace(std::move(r)); });
    waitUntil([&] { return result.has_value(); }, 60000);
    if (!result || !result->ok()) {
        QTextStream(stderr) << "creating " << name << " failed: " << (result ? result->message() : QString())
                            << Qt::endl;
        return nullptr;
    }
    return std::move(result->value());
}

// A German address book as Excel saves it: semicolons, Windows-1252, a birthday column nobody imports, a
// line whose quote never closes and one with a malformed e-mail. `existing` is an address already in the
// profile (updated by the import).
QByteArray germanCsv(const QString& existing)
{
    const QString text =
        QStringLiteral("Vorname;Nachname;E-Mail;Telefon;Firma;Straße;PLZ;Ort;Land;Geburtstag;Notiz\r\n"
                       "Jürgen;Müller;jm@mueller-bau.example;+49 221 555 0100;Müller Bau GmbH;Domstraße 4;50667;Köln;"
                       "Deutschland;12.03.1971;Stammkunde seit 2019\r\n"
                       "Zoë;Ørsted;zoe@orsted.example;0170 1234567;;Nørregade 12;1165;København;Dänemark;;\r\n"
                       "Anke;Schröder;%1;;Schröder & Söhne;;;Hamburg;DE;;\"Rückruf erbeten,\r\nab 14 Uhr\"\r\n"
                       "Émile;Faure;emile.faure@example;;Atelier Faure;;;Lyon;Frankreich;;\r\n"
                       "Grete;Lindqvist;grete@lindqvist.example;;\"Lindqvist AB;Malmö;;SE;;\r\n"
                       "Paul;Weber;paul.weber@weber-it.example;+41 44 555 01 99;Weber IT AG;Bahnhofstr. 1;8001;"
                       "Zürich;Schweiz;;Messe Basel\r\n"
                       ";;;;;;;;;;nur eine Notiz\r\n")
            .arg(existing);
    QByteArray bytes;
    for (QChar c : text)
        bytes += c.unicode() < 0x100 ? char(c.unicode()) : '?';
    return bytes; // Latin-1 = Windows-1252 for these letters
}

QByteArray vcards()
{
    return "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okafor;Ben\r\nFN:Ben Okafor\r\nORG:Okafor Logistics\r\n"
           "TEL;CELL;PREF:+44 7700 900123\r\nEMAIL;INTERNET:ben@okafor.example\r\nEND:VCARD\r\n"
           "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tanaka;Yuki;;;\r\nFN:Yuki Tanaka\r\nEMAIL;TYPE=work:yuki@tanaka.example\r\n"
           "ADR;TYPE=work:;;1-2-3 Shibuya;Tokyo;;150-0002;Japan\r\nEND:VCARD\r\n"
           "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Müller\r\nORG:Müller GmbH\r\nEMAIL:zoe@mueller.example\r\n"
           "NOTE:Met at the fair\\, stand 4\r\nEND:VCARD\r\n";
}

QByteArray bigCsv(int rows)
{
    QByteArray bytes = "First Name,Last Name,E-mail,City\r\n";
    for (int i = 0; i < rows; ++i)
        bytes += QStringLiteral("Gen%1,Erated,gen%1@big.example,Lyon\r\n").arg(i).toUtf8();
    return bytes;
}

void next(QWizard* w)
{
    QAbstractButton* b = w->button(QWizard::NextButton);
    if (!b->isVisible())
        b = w->button(QWizard::CommitButton);
    b->click();
}

} // namespace

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutpostScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("outpost-import-screenshots"));
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
    MemoryKeyStore keychain;
    ProfileManager manager(&keychain);
    QStringList modes;
    const QString which = parser.value(themeOption);
    if (which != QLatin1String("dark"))
        modes << QStringLiteral("light");
    if (which != QLatin1String("light"))
        modes << QStringLiteral("dark");

    const QString vcf = writeFile(tmp.filePath(QStringLiteral("address-book.vcf")), vcards());
    const QString big = writeFile(tmp.filePath(QStringLiteral("trade-fair-leads.csv")), bigCsv(20000));
    const QString medium = writeFile(tmp.filePath(QStringLiteral("webinar-signups.csv")), bigCsv(3000));

    for (const QString& mode : std::as_const(modes)) {
        g_mode = mode;
        theme.setMode(Theme::modeFromString(mode));

        // A profile per palette, so both start from the same state.
        auto workspace = create(manager, tmp.filePath(QStringLiteral("northwind-") + mode), QStringLiteral("Northwind Sales"));
        if (!workspace)
            return 1;
        DemoDataLoader::Options demo;
        demo.contacts = 20000;
        if (auto loaded = DemoDataLoader::loadContacts(*workspace, demo); !loaded) {
            QTextStream(stderr) << "demo data: " << loaded.message() << Qt::endl;
            return 1;
        }
        QString existing;
        {
            QSqlQuery q(workspace->database().connection());
            q.exec(QStringLiteral("SELECT email FROM contacts WHERE email <> '' ORDER BY sort_key LIMIT 1 OFFSET 40"));
            if (q.next())
                existing = q.value(0).toString();
        }
        const QString csv = writeFile(tmp.filePath(QStringLiteral("Adressen Messe Köln.csv")), germanCsv(existing));

        MainWindow window(workspace->info(), manager);
        window.attach(*workspace);
        window.resize(1280, 780);
        window.show();
        auto* page = qobject_cast<ContactsPage*>(window.currentPage());
        settle();
        {
            auto* fileMenu = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
            fileMenu->popup(window.mapToGlobal(QPoint(0, 0)));
            settle();
            save(fileMenu, QStringLiteral("import-file-menu"));
            fileMenu->hide();
        }

        // The wizard on the German CSV: file, columns, matching, result.
        ImportExportActions* actions = page->importExport();
        actions->showImport();
        ImportWizard* wizard = actions->importWizard();
        sized(wizard, QSize(920, 680));
        save(wizard, QStringLiteral("import-file-empty"));
        wizard->setFilePath(csv);
        save(wizard, QStringLiteral("import-file-csv"));
        next(wizard);
        auto* mapping = qobject_cast<ImportMappingPage*>(wizard->currentPage());
        save(wizard, QStringLiteral("import-columns"));
        {
            // What the page says when nothing names the contacts.
            QList<int> naming;
            for (int i = 0; i < 5; ++i)
                if (mapping->comboFor(i) && !mapping->comboFor(i)->currentData().toString().isEmpty())
                    naming << i;
            const QList<int> keep = naming;
            QList<QString> fields;
            for (int i : keep)
                fields << mapping->comboFor(i)->currentData().toString();
            for (int i : keep)
                mapping->comboFor(i)->setCurrentIndex(0);
            save(wizard, QStringLiteral("import-columns-problem"));
            for (qsizetype k = 0; k < keep.size(); ++k)
                mapping->comboFor(keep.at(k))->setCurrentIndex(mapping->comboFor(keep.at(k))->findData(fields.at(k)));
        }
        next(wizard);
        save(wizard, QStringLiteral("import-matching"));
        next(wizard);
        waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, 120000);
        save(wizard, QStringLiteral("import-result"));
        wizard->findChild<QPushButton*>(QStringLiteral("undoImportButton"))->click();
        confirmUndo(wizard, true);
        waitUntil([&] { return !wizard->undoTask()->isRunning(); }, 120000);
        save(wizard, QStringLiteral("import-result-undone"));
        wizard->accept();

        // A vCard file skips the columns.
        actions->showImport(vcf);
        wizard = actions->importWizard();
        sized(wizard, QSize(920, 680));
        save(wizard, QStringLiteral("import-file-vcard"));
        next(wizard);
        next(wizard);
        waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, 120000);
        save(wizard, QStringLiteral("import-result-vcard"));
        wizard->accept();

        // A big file: the import running, then cancelled.
        actions->showImport(big);
        wizard = actions->importWizard();
        sized(wizard, QSize(920, 680));
        next(wizard);
        next(wizard);
        int progress = 0;
        QObject::connect(wizard, &ImportWizard::importProgress, wizard, [&] { ++progress; });
        next(wizard);
        waitUntil([&] { return progress >= 3; }, 120000);
        save(wizard, QStringLiteral("import-running"));
        wizard->reject(); // Cancel
        waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, 120000);
        save(wizard, QStringLiteral("import-cancelled"));
        wizard->accept();

        // History: edit a contact of the vCard import so its undo is refused.
        {
            QSqlQuery q(workspace->database().connection());
            q.exec(QStringLiteral("SELECT id FROM contacts WHERE email = 'yuki@tanaka.example'"));
            if (q.next())
                (void)workspace->mutations().submit(
                    QStringLiteral("contact.update"),
                    QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                                {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Osaka")}}}});
        }
        {
            ContactImporter importer(workspace->database(), workspace->mutations());
            (void)importer.importFile(medium, {});
        }
        actions->showHistory();
        ImportHistoryDialog* history = actions->historyDialog();
        sized(history, QSize(880, 460));
        save(history, QStringLiteral("import-history"));
        history->view()->selectRow(0);
        history->findChild<QPushButton*>(QStringLiteral("historyUndoButton"))->click();
        confirmUndo(history);
        int undoProgress = 0;
        QObject::connect(history->undoTask(), &ImportUndoTask::progress, history, [&] { ++undoProgress; });
        waitUntil([&] { return undoProgress >= 2 || !history->isBusy(); }, 120000);
        save(history, QStringLiteral("import-history-undoing"));
        waitUntil([&] { return !history->isBusy(); }, 120000);
        history->view()->selectRow(1);
        history->findChild<QPushButton*>(QStringLiteral("historyUndoButton"))->click();
        confirmUndo(history);
        waitUntil([&] { return !history->isBusy(); }, 120000);
        save(history, QStringLiteral("import-history-refused"));
        history->close();

        // Export: the current search, running, finished.
        page->searchField()->setText(QStringLiteral("gmbh"));
        waitUntil([&] { return page->model()->searchText() == QStringLiteral("gmbh"); });
        waitUntil([&] { return page->model()->totalMatches() >= 0; });
        actions->showExport();
        ExportDialog* exporter = actions->exportDialog();
        exporter->setPath(tmp.filePath(QStringLiteral("Contacts 2026-03-01.csv")));
        save(exporter, QStringLiteral("export"));
        exporter->findChild<QRadioButton*>(QStringLiteral("exportAllRadio"))->setChecked(true);
        exporter->findChild<QRadioButton*>(QStringLiteral("exportVCardRadio"))->setChecked(true);
        int exportProgress = 0;
        QObject::connect(exporter->job(), &BackgroundJob::progress, exporter, [&] { ++exportProgress; });
        exporter->startExport();
        waitUntil([&] { return exportProgress >= 3 || !exporter->isBusy(); }, 60000);
        save(exporter, QStringLiteral("export-running"));
        waitUntil([&] { return !exporter->isBusy(); }, 120000);
        save(exporter, QStringLiteral("export-done"));
        exporter->close();

        page->searchField()->clear();
        waitUntil([&] { return !page->model()->isSearching(); });
        save(&window, QStringLiteral("import-main"));
        window.detach();
    }
    return 0;
}
