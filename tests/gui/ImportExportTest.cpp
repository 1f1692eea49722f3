// The desktop import and export: the import wizard end to end (preview, column guesses, matching, a bad
// line reported with its number, the error file, undo), cancelling an import mid-way, the import history
// (model checked by QAbstractItemModelTester, undo and its refusal), export with cancel, export then
// re-import into a fresh profile, the contacts list refreshing once per batch, and the lock waiting for an
// import.
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ContactImporter.h"
#include "importexport/ExportDialog.h"
#include "importexport/ImportExportActions.h"
#include "importexport/ImportHistoryDialog.h"
#include "importexport/ImportHistoryModel.h"
#include "importexport/ImportMappingPage.h"
#include "importexport/ImportUndoTask.h"
#include "importexport/ImportWizard.h"
#include "importexport/ProgressPanel.h"
#include "keys/MemoryKeyStore.h"
#include "profile/ProfileManager.h"
#include "shell/AppController.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTimer>

#include <optional>

using namespace outpost;
using namespace outpost::test;

namespace {

constexpr int kLongWaitMs = 120000; // imports of a few thousand rows in a Debug build on a loaded machine

// The wizard's file used by most tests: a quoted field over two lines, a line with a malformed e-mail,
// and a row whose e-mail (in other letter case) belongs to a contact that is already there.
const char* const kCsv = "First Name,Last Name,E-mail Address,Company,Notes\r\n"
                         "Anna,Becker,ANNA@example.com,Acme,Met at the fair\r\n"
                         "Bo,Berg,bo@example.com,,\"line one\r\nline two\"\r\n"
                         "Dee,,not-an-email,,\r\n"
                         "Cleo,Dahl,cleo@example.com,Dahl AB,\r\n";

class ImportExportTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        workspace = profileIn(QStringLiteral("profile"));
        ASSERT_NE(workspace, nullptr);
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
        fresh.reset();
    }

    std::unique_ptr<Workspace> profileIn(const QString& name)
    {
        const QString path = dir.filePath(name);
        EXPECT_TRUE(QDir().mkpath(path));
        return makeWorkspace(path, name);
    }

    void showPage()
    {
        page = std::make_unique<ContactsPage>(*workspace);
        page->resize(1100, 700);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        return path;
    }

    // `rows` generated contacts, one per line.
    QString writeBigCsv(const QString& name, int rows)
    {
        QByteArray bytes = "First Name,Last Name,E-mail,City\r\n";
        bytes.reserve(rows * 48);
        for (int i = 0; i < rows; ++i)
            bytes += QStringLiteral("Gen%1,Erated,gen%1@big.example,Lyon\r\n").arg(i).toUtf8();
        return writeFile(name, bytes);
    }

    static qint64 scalar(Workspace& ws, const QString& sql)
    {
        QSqlQuery q(ws.database().connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }
    qint64 contactCount(Workspace& ws) { return scalar(ws, QStringLiteral("SELECT count(*) FROM contacts")); }

    static std::optional<Contact> byEmail(Workspace& ws, const QString& email)
    {
        QSqlQuery q(ws.database().connection());
        q.prepare(QStringLiteral("SELECT id FROM contacts WHERE email = ? COLLATE NOCASE"));
        q.addBindValue(email);
        if (!q.exec() || !q.next())
            return std::nullopt;
        auto found = ws.contacts().find(q.value(0).toString());
        return found && found.value() ? found.value() : std::nullopt;
    }

    // Every contact's fields (not ids or times), sorted: what a round trip must reproduce.
    static QStringList allContacts(Workspace& ws, const QStringList& skipFields = {})
    {
        QStringList out;
        QSqlQuery q(ws.database().connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT id FROM contacts")));
        while (q.next()) {
            auto c = ws.contacts().find(q.value(0).toString());
            EXPECT_TRUE(c && c.value());
            if (!c || !c.value())
                continue;
            QStringList fields;
            for (const QString& f : Contact::fieldNames())
                if (!skipFields.contains(f))
                    fields << f + QLatin1Char('=') + c.value()->field(f);
            out << fields.join(QLatin1Char('|'));
        }
        out.sort();
        return out;
    }

    ImportWizard* openWizardFromPage()
    {
        auto* action = page->findChild<QAction*>(QStringLiteral("actionImportContacts"));
        EXPECT_NE(action, nullptr);
        if (!action)
            return nullptr;
        action->trigger();
        return waitForVisible<ImportWizard>(QStringLiteral("importWizard"));
    }

    static void next(QWizard* wizard)
    {
        QAbstractButton* b = wizard->button(QWizard::NextButton);
        if (!b->isVisible())
            b = wizard->button(QWizard::CommitButton);
        click(b);
    }

    // Chooses the file, walks the wizard with its defaults (or `configure` on the matching page) and waits for
    // the result page.
    static void importThrough(ImportWizard* wizard, const QString& path,
                              const std::function<void(ImportWizard*)>& configure = {})
    {
        typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), path);
        ASSERT_TRUE(wizard->currentPage()->isComplete())
            << child<MessageLabel>(wizard, QStringLiteral("importFileMessage"))->text().toStdString();
        next(wizard);
        if (wizard->currentId() == ImportWizard::MappingPageId)
            next(wizard);
        ASSERT_EQ(wizard->currentId(), ImportWizard::MatchingPageId);
        if (configure)
            configure(wizard);
        next(wizard);
        ASSERT_TRUE(waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, kLongWaitMs));
    }

    static QString text(QWidget* parent, const QString& name) { return child<QLabel>(parent, name)->text(); }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<Workspace> fresh;
    std::unique_ptr<ContactsPage> page;
};

TEST_F(ImportExportTest, WizardImportsReportsTheBadLineSavesTheErrorFileAndUndoes)
{
    const QString annaId = createContact(*workspace, QStringLiteral("Anna"), QStringLiteral("Alt"),
                                         QStringLiteral("anna@example.com"));
    const auto annaBefore = workspace->contacts().find(annaId).value();
    ASSERT_TRUE(annaBefore);
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_EQ(page->model()->rowCount(), 1);
    const QString path = writeFile(QStringLiteral("people.csv"), kCsv);

    ImportWizard* wizard = openWizardFromPage();
    ASSERT_NE(wizard, nullptr);
    EXPECT_TRUE(wizard->isModal() || wizard->windowModality() != Qt::NonModal);
    // Every model the wizard shows is checked while it is driven.
    const QStringList views = {QStringLiteral("importCsvPreview"), QStringLiteral("importCardPreview"),
                               QStringLiteral("mappingPreview"), QStringLiteral("rejectionsTable")};
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (const QString& v : views)
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            child<QTableView>(wizard, v)->model(), QAbstractItemModelTester::FailureReportingMode::Fatal));

    // File: detected format, encoding and delimiter, and the rows as read (line numbers, the quoted field
    // over two lines in one cell).
    QAbstractButton* nextButton = wizard->button(QWizard::NextButton);
    EXPECT_FALSE(nextButton->isEnabled()) << "no file yet";
    typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), path);
    EXPECT_TRUE(nextButton->isEnabled());
    EXPECT_EQ(child<QComboBox>(wizard, QStringLiteral("importFormatCombo"))->currentText(), QStringLiteral("Detected: CSV"));
    EXPECT_EQ(child<QComboBox>(wizard, QStringLiteral("importDelimiterCombo"))->currentText(),
              QStringLiteral("Detected: comma"));
    EXPECT_TRUE(child<QComboBox>(wizard, QStringLiteral("importEncodingCombo"))->currentText().startsWith(QStringLiteral("Detected: ")));
    auto* csvView = child<QTableView>(wizard, QStringLiteral("importCsvPreview"));
    ASSERT_TRUE(csvView->isVisible());
    QAbstractItemModel* raw = csvView->model();
    ASSERT_EQ(raw->rowCount(), 4);
    EXPECT_EQ(raw->columnCount(), 5);
    EXPECT_EQ(raw->headerData(2, Qt::Horizontal).toString(), QStringLiteral("E-mail Address"));
    EXPECT_EQ(raw->headerData(1, Qt::Vertical).toString(), QStringLiteral("3"));
    EXPECT_EQ(raw->headerData(2, Qt::Vertical).toString(), QStringLiteral("5")) << "line numbers of the file";
    EXPECT_TRUE(raw->index(1, 4).data().toString().contains(QStringLiteral("line one")));
    EXPECT_TRUE(raw->index(1, 4).data().toString().contains(QStringLiteral("line two")));

    // Overriding the delimiter re-reads the file: with ';' it has a single column.
    auto* delimiter = child<QComboBox>(wizard, QStringLiteral("importDelimiterCombo"));
    delimiter->setCurrentIndex(delimiter->findData(QStringLiteral(";")));
    emit delimiter->activated(delimiter->currentIndex());
    EXPECT_TRUE(raw->headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("First Name,Last Name")));
    delimiter->setCurrentIndex(0);
    emit delimiter->activated(0);
    EXPECT_EQ(raw->columnCount(), 5);

    // Columns: the guesses are pre-selected; without a name, company or e-mail column Next is refused.
    next(wizard);
    ASSERT_EQ(wizard->currentId(), ImportWizard::MappingPageId);
    auto* mapping = qobject_cast<ImportMappingPage*>(wizard->currentPage());
    ASSERT_NE(mapping, nullptr);
    const QStringList guessed = {QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
                                 QStringLiteral("company"), QStringLiteral("notes")};
    for (int i = 0; i < guessed.size(); ++i)
        EXPECT_EQ(mapping->comboFor(i)->currentData().toString(), guessed.at(i)) << "column " << i;
    auto* mapped = child<QTableView>(wizard, QStringLiteral("mappingPreview"))->model();
    ASSERT_EQ(mapped->rowCount(), 4);
    EXPECT_EQ(mapped->index(0, 2).data().toString(), QStringLiteral("Anna Becker"));
    EXPECT_TRUE(mapped->index(2, 1).data().toString().contains(QStringLiteral("not-an-email")))
        << "the preview says why line 5 will be rejected";
    for (int i = 0; i < 4; ++i)
        mapping->comboFor(i)->setCurrentIndex(0); // Ignore
    EXPECT_FALSE(nextButton->isEnabled());
    EXPECT_TRUE(child<MessageLabel>(wizard, QStringLiteral("mappingMessage"))->isVisible());
    EXPECT_FALSE(child<QLabel>(wizard, QStringLiteral("mappingColumn_0"))->isEnabled()) << "ignored columns are greyed";
    for (int i = 0; i < 4; ++i)
        mapping->comboFor(i)->setCurrentIndex(mapping->comboFor(i)->findData(guessed.at(i)));
    EXPECT_TRUE(nextButton->isEnabled());
    EXPECT_TRUE(child<QLabel>(wizard, QStringLiteral("mappingColumn_0"))->isEnabled());

    // Matching: update on the same e-mail (the default).
    next(wizard);
    ASSERT_EQ(wizard->currentId(), ImportWizard::MatchingPageId);
    EXPECT_TRUE(child<QRadioButton>(wizard, QStringLiteral("matchUpdateRadio"))->isChecked());
    EXPECT_TRUE(child<QCheckBox>(wizard, QStringLiteral("matchEmailCheck"))->isChecked());
    QSignalSpy changes(&workspace->mutations(), &MutationEngine::changed);
    const int refreshesBefore = page->refreshCount();
    next(wizard); // Import
    ASSERT_TRUE(waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, kLongWaitMs));

    // Result: counts, the rejected line with its number and reason.
    EXPECT_EQ(text(wizard, QStringLiteral("resultCreated")), QStringLiteral("2"));
    EXPECT_EQ(text(wizard, QStringLiteral("resultUpdated")), QStringLiteral("1"));
    EXPECT_EQ(text(wizard, QStringLiteral("resultSkipped")), QStringLiteral("0"));
    EXPECT_EQ(text(wizard, QStringLiteral("resultRejected")), QStringLiteral("1"));
    auto* rejections = child<QTableView>(wizard, QStringLiteral("rejectionsTable"));
    ASSERT_TRUE(rejections->isVisible());
    ASSERT_EQ(rejections->model()->rowCount(), 1);
    EXPECT_EQ(rejections->model()->index(0, 0).data().toString(), QStringLiteral("5"));
    EXPECT_TRUE(rejections->model()->index(0, 1).data().toString().contains(QStringLiteral("not a valid e-mail")))
        << rejections->model()->index(0, 1).data().toString().toStdString();

    // The contacts are in the list (refreshed once for the whole batch) and the existing one was updated.
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 3; }));
    EXPECT_EQ(changes.count(), 1) << "one notification for the whole import";
    EXPECT_LE(page->refreshCount() - refreshesBefore, 1);
    auto anna = byEmail(*workspace, QStringLiteral("anna@example.com"));
    ASSERT_TRUE(anna);
    EXPECT_EQ(anna->id, annaId);
    EXPECT_EQ(anna->lastName, QStringLiteral("Becker"));
    EXPECT_EQ(anna->company, QStringLiteral("Acme"));
    auto bo = byEmail(*workspace, QStringLiteral("bo@example.com"));
    ASSERT_TRUE(bo);
    EXPECT_EQ(bo->notes, QStringLiteral("line one\nline two"));

    // Save Error File…: the rejected line with its number and reason.
    click(child<QPushButton>(wizard, QStringLiteral("saveErrorFileButton")));
    auto* fileDialog = waitForVisible<QFileDialog>(QStringLiteral("errorFileDialog"));
    ASSERT_NE(fileDialog, nullptr);
    const QString errorPath = dir.filePath(QStringLiteral("rejected.csv"));
    fileDialog->selectFile(errorPath);
    static_cast<QDialog*>(fileDialog)->accept(); // QFileDialog's own accept() checks and takes the name
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(errorPath); }));
    QFile errors(errorPath);
    ASSERT_TRUE(errors.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(errors.readAll());
    EXPECT_TRUE(written.contains(QStringLiteral("First Name,Last Name,E-mail Address,Company,Notes,Line,Error")));
    EXPECT_TRUE(written.contains(QStringLiteral("Dee,,not-an-email,,,5,")));
    EXPECT_TRUE(written.contains(QStringLiteral("Line 5:")));
    EXPECT_TRUE(child<MessageLabel>(wizard, QStringLiteral("saveErrorFileMessage"))->isVisible());

    // Undo This Import: asks, runs off the UI thread, and puts everything back as it was.
    click(child<QPushButton>(wizard, QStringLiteral("undoImportButton")));
    auto* confirm = waitForVisible<QMessageBox>(QStringLiteral("confirmUndoBox"));
    ASSERT_NE(confirm, nullptr);
    click(child<QPushButton>(confirm, QStringLiteral("confirmUndoButton")));
    auto* undoMessage = child<MessageLabel>(wizard, QStringLiteral("undoMessage"));
    ASSERT_TRUE(waitUntil([&] { return undoMessage->isVisible(); }, kLongWaitMs));
    EXPECT_EQ(undoMessage->kind(), MessageLabel::Kind::Success) << undoMessage->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(wizard, QStringLiteral("undoImportButton"))->isEnabled());
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 1; }));
    EXPECT_EQ(contactCount(*workspace), 1);
    auto annaAfter = workspace->contacts().find(annaId).value();
    ASSERT_TRUE(annaAfter);
    EXPECT_EQ(annaAfter->fieldsToJson(), annaBefore->fieldsToJson()) << "exactly as before the import";

    click(wizard->button(QWizard::FinishButton));
    EXPECT_TRUE(waitUntil([&] { return page->importExport()->importWizard() == nullptr; }));
}

TEST_F(ImportExportTest, CancellingAnImportMidwayKeepsNothing)
{
    addContacts(*workspace, 12);
    ASSERT_NO_FATAL_FAILURE(showPage());
    const QString path = writeBigCsv(QStringLiteral("big.csv"), 50000);
    ImportWizard* wizard = openWizardFromPage();
    ASSERT_NE(wizard, nullptr);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), path);
    next(wizard);
    next(wizard);
    ASSERT_EQ(wizard->currentId(), ImportWizard::MatchingPageId);

    int progressSignals = 0;
    QObject::connect(wizard, &ImportWizard::importProgress, wizard, [&] { ++progressSignals; });
    next(wizard); // Import
    EXPECT_TRUE(wizard->isImporting());
    EXPECT_TRUE(page->isBusy()) << "a lock must wait for the import";
    ASSERT_TRUE(waitUntil([&] { return progressSignals > 0; }, kLongWaitMs));
    EXPECT_FALSE(child<QLabel>(wizard, QStringLiteral("importCounter"))->text().isEmpty());
    click(wizard->button(QWizard::CancelButton));
    EXPECT_TRUE(wizard->isVisible()) << "Cancel stops the import; the wizard stays to say so";
    ASSERT_TRUE(waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, kLongWaitMs));
    EXPECT_FALSE(page->isBusy());

    auto* headline = child<MessageLabel>(wizard, QStringLiteral("importResultMessage"));
    EXPECT_TRUE(headline->text().contains(QStringLiteral("cancelled"))) << headline->text().toStdString();
    EXPECT_EQ(wizard->currentPage()->title(), QStringLiteral("Import Cancelled"));
    EXPECT_FALSE(child<QPushButton>(wizard, QStringLiteral("undoImportButton"))->isVisible());
    EXPECT_EQ(contactCount(*workspace), 12);
    EXPECT_EQ(scalar(*workspace, QStringLiteral("SELECT count(*) FROM import_batches")), 0);
    EXPECT_EQ(page->model()->rowCount(), 12);
}

TEST_F(ImportExportTest, AFileThatCannotBeReadSaysWhyAndCannotGoOn)
{
    ASSERT_NO_FATAL_FAILURE(showPage());
    ImportWizard* wizard = openWizardFromPage();
    ASSERT_NE(wizard, nullptr);
    auto* edit = child<QLineEdit>(wizard, QStringLiteral("importFileEdit"));
    auto* message = child<MessageLabel>(wizard, QStringLiteral("importFileMessage"));
    QAbstractButton* nextButton = wizard->button(QWizard::NextButton);

    typeInto(edit, writeFile(QStringLiteral("empty.csv"), QByteArray()));
    EXPECT_TRUE(message->isVisible());
    EXPECT_TRUE(message->text().contains(QStringLiteral("empty"))) << message->text().toStdString();
    EXPECT_FALSE(nextButton->isEnabled());

    typeInto(edit, dir.path());
    EXPECT_TRUE(message->text().contains(QStringLiteral("folder"))) << message->text().toStdString();
    EXPECT_FALSE(nextButton->isEnabled());

    const QString cards = writeFile(QStringLiteral("notes.vcf"), "just some text\r\n");
    typeInto(edit, cards);
    EXPECT_TRUE(message->text().contains(QStringLiteral("No contact card"))) << message->text().toStdString();
    EXPECT_FALSE(nextButton->isEnabled());

    // Choosing CSV for it instead reads it as a (one-column) CSV file.
    auto* format = child<QComboBox>(wizard, QStringLiteral("importFormatCombo"));
    format->setCurrentIndex(format->findData(int(ImportFormat::Csv)));
    emit format->activated(format->currentIndex());
    EXPECT_FALSE(message->isVisible()) << message->text().toStdString();
    EXPECT_TRUE(nextButton->isEnabled());
    wizard->reject();
    EXPECT_TRUE(waitUntil([&] { return page->importExport()->importWizard() == nullptr; }));
    EXPECT_EQ(contactCount(*workspace), 0);
}

TEST_F(ImportExportTest, AVCardFileSkipsTheColumnStep)
{
    ASSERT_NO_FATAL_FAILURE(showPage());
    const QString path = writeFile(QStringLiteral("cards.vcf"),
                                   "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Ben;;;\r\nFN:Ben Okafor\r\n"
                                   "EMAIL;TYPE=work:ben@okafor.example\r\nEND:VCARD\r\n"
                                   "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Müller\r\nORG:Müller GmbH\r\nEND:VCARD\r\n");
    ImportWizard* wizard = openWizardFromPage();
    ASSERT_NE(wizard, nullptr);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), path);
    EXPECT_EQ(child<QComboBox>(wizard, QStringLiteral("importFormatCombo"))->currentText(),
              QStringLiteral("Detected: vCard"));
    EXPECT_FALSE(child<QComboBox>(wizard, QStringLiteral("importDelimiterCombo"))->isEnabled());
    auto* cards = child<QTableView>(wizard, QStringLiteral("importCardPreview"));
    ASSERT_TRUE(cards->isVisible());
    EXPECT_EQ(cards->model()->rowCount(), 2);
    next(wizard);
    EXPECT_EQ(wizard->currentId(), ImportWizard::MatchingPageId) << "a vCard has no columns to match";
    next(wizard);
    ASSERT_TRUE(waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, kLongWaitMs));
    EXPECT_EQ(text(wizard, QStringLiteral("resultCreated")), QStringLiteral("2"));
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 2; }));
    EXPECT_EQ(byEmail(*workspace, QStringLiteral("ben@okafor.example"))->lastName, QStringLiteral("Okafor"));
}

TEST_F(ImportExportTest, HistoryListsImportsUndoesOneAndExplainsARefusal)
{
    ASSERT_NO_FATAL_FAILURE(showPage());
    // Two imports as the wizard would make them.
    ContactImporter importer(workspace->database(), workspace->mutations());
    auto first = importer.importFile(writeFile(QStringLiteral("first.csv"), kCsv), {});
    ASSERT_TRUE(first.ok()) << first.message().toStdString();
    auto second = importer.importFile(
        writeFile(QStringLiteral("second.csv"), "First Name,Last Name,E-mail\r\nEmil,Nordin,emil@nordin.example\r\n"), {});
    ASSERT_TRUE(second.ok()) << second.message().toStdString();
    // Someone edits a contact of the first import since.
    const auto cleo = byEmail(*workspace, QStringLiteral("cleo@example.com"));
    ASSERT_TRUE(cleo);
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), cleo->id},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Malmö")}}}})
                    .ok());
    const qint64 contactsBefore = contactCount(*workspace);

    page->importExport()->historyAction()->trigger();
    auto* history = waitForVisible<ImportHistoryDialog>(QStringLiteral("importHistoryDialog"));
    ASSERT_NE(history, nullptr);
    QAbstractItemModelTester tester(history->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ImportHistoryModel* model = history->model();
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->index(0, ImportHistoryModel::FileColumn).data().toString(), QStringLiteral("second.csv"));
    EXPECT_EQ(model->index(1, ImportHistoryModel::FileColumn).data().toString(), QStringLiteral("first.csv"));
    EXPECT_EQ(model->index(1, ImportHistoryModel::CreatedColumn).data().toString(), QStringLiteral("3"));
    EXPECT_EQ(model->index(1, ImportHistoryModel::RejectedColumn).data().toString(), QStringLiteral("1"));
    EXPECT_EQ(model->index(1, ImportHistoryModel::StateColumn).data().toString(), QStringLiteral("Imported"));

    // The first import cannot be undone: Cleo changed since. The core's message says so and names her.
    history->selectBatch(first->batchId);
    auto* undo = child<QPushButton>(history, QStringLiteral("historyUndoButton"));
    click(undo);
    auto* confirm = waitForVisible<QMessageBox>(QStringLiteral("confirmUndoBox"));
    ASSERT_NE(confirm, nullptr);
    click(child<QPushButton>(confirm, QStringLiteral("confirmUndoButton")));
    auto* message = child<MessageLabel>(history, QStringLiteral("historyMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible() && !history->isBusy(); }, kLongWaitMs));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error);
    EXPECT_TRUE(message->text().contains(QStringLiteral("cannot be undone"))) << message->text().toStdString();
    EXPECT_TRUE(message->text().contains(QStringLiteral("Cleo Dahl"))) << message->text().toStdString();
    EXPECT_EQ(contactCount(*workspace), contactsBefore) << "nothing was undone";
    EXPECT_EQ(model->index(model->rowOf(first->batchId), ImportHistoryModel::StateColumn).data().toString(),
              QStringLiteral("Imported"));

    // The second one can.
    history->selectBatch(second->batchId);
    ASSERT_TRUE(undo->isEnabled());
    click(undo);
    confirm = waitForVisible<QMessageBox>(QStringLiteral("confirmUndoBox"));
    ASSERT_NE(confirm, nullptr);
    click(child<QPushButton>(confirm, QStringLiteral("confirmUndoButton")));
    ASSERT_TRUE(waitUntil([&] { return message->kind() == MessageLabel::Kind::Success && !history->isBusy(); },
                          kLongWaitMs))
        << message->text().toStdString();
    EXPECT_EQ(contactCount(*workspace), contactsBefore - 1);
    const int row = model->rowOf(second->batchId);
    EXPECT_TRUE(model->index(row, ImportHistoryModel::StateColumn).data().toString().startsWith(QStringLiteral("Undone")));
    EXPECT_TRUE(model->index(row, 0).data(ImportHistoryModel::UndoneRole).toBool());
    EXPECT_FALSE(undo->isEnabled()) << "an undone import cannot be undone again";
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == contactsBefore - 1; }));
}

struct RoundTripCase
{
    const char* name;
    bool vcard;
};

void PrintTo(const RoundTripCase& c, std::ostream* os)
{
    *os << c.name;
}

class ExportListRoundTripTest : public ImportExportTest, public ::testing::WithParamInterface<RoundTripCase>
{
};

TEST_P(ExportListRoundTripTest, ExportOfTheListReimportsIntoAFreshProfileAsTheSameContacts)
{
    const bool vcard = GetParam().vcard;
    auto add = [&](const QJsonObject& fields) {
        ASSERT_TRUE(workspace->mutations()
                        .submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), fields}})
                        .ok());
    };
    const auto f = [](std::initializer_list<std::pair<const char*, const char*>> kv) {
        QJsonObject o;
        for (const auto& [k, v] : kv)
            o.insert(QString::fromUtf8(k), QString::fromUtf8(v));
        return o;
    };
    add(f({{"firstName", "Zoë"}, {"lastName", "Müller-Łukasiewicz"}, {"email", "zoe@acme.example"},
           {"phone", "+49 170 1234567"}, {"company", "Acme \"Rockets\", Inc."}, {"street", "Hauptstraße 5"},
           {"postalCode", "50667"}, {"city", "Köln"}, {"country", "DE"}, {"notes", "Line one\nLine two; with ,;\""}}));
    add(f({{"firstName", "=SUM(A1)"}, {"lastName", "Formula"}, {"company", "Acme Labs"}, {"email", "f@acme.example"}}));
    add(f({{"company", "Acme Only"}}));
    add(f({{"firstName", "Other"}, {"lastName", "Person"}, {"email", "other@else.example"}, {"city", "Lyon"}}));
    ASSERT_NO_FATAL_FAILURE(showPage());

    // The list shows a search: the export offers (and picks) it.
    typeInto(page->searchField(), QStringLiteral("acme"));
    page->importExport()->exportAction()->trigger();
    auto* dialog = waitForVisible<ExportDialog>(QStringLiteral("exportDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* searchScope = child<QRadioButton>(dialog, QStringLiteral("exportSearchRadio"));
    EXPECT_TRUE(searchScope->isChecked());
    EXPECT_TRUE(searchScope->text().contains(QStringLiteral("3 contacts matching"))) << searchScope->text().toStdString();
    if (vcard)
        click(child<QRadioButton>(dialog, QStringLiteral("exportVCardRadio")));
    EXPECT_TRUE(dialog->path().endsWith(vcard ? QStringLiteral(".vcf") : QStringLiteral(".csv")));
    const QString path = dir.filePath(vcard ? QStringLiteral("out.vcf") : QStringLiteral("out.csv"));
    typeInto(child<QLineEdit>(dialog, QStringLiteral("exportFileEdit")), path);
    click(child<QPushButton>(dialog, QStringLiteral("exportButton")));
    auto* message = child<MessageLabel>(dialog, QStringLiteral("exportMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible() && !dialog->isBusy(); }, kLongWaitMs));
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Success) << message->text().toStdString();
    EXPECT_TRUE(message->text().contains(QStringLiteral("Exported 3 contacts"))) << message->text().toStdString();
    ASSERT_TRUE(QFile::exists(path));
    click(child<QPushButton>(dialog, QStringLiteral("exportCloseButton")));

    // A fresh profile imports the file through the wizard.
    fresh = profileIn(QStringLiteral("fresh"));
    ASSERT_NE(fresh, nullptr);
    {
        ImportWizard wizard(*fresh);
        wizard.show();
        ASSERT_NO_FATAL_FAILURE(importThrough(&wizard, path));
        EXPECT_EQ(text(&wizard, QStringLiteral("resultCreated")), QStringLiteral("3"));
        EXPECT_EQ(text(&wizard, QStringLiteral("resultRejected")), QStringLiteral("0"));
    }
    QStringList expected = allContacts(*workspace, {QStringLiteral("ownerId")});
    expected.removeIf([](const QString& c) { return c.contains(QStringLiteral("firstName=Other|")); });
    EXPECT_EQ(allContacts(*fresh, {QStringLiteral("ownerId")}), expected);
}

INSTANTIATE_TEST_SUITE_P(Formats, ExportListRoundTripTest,
                         ::testing::Values(RoundTripCase{"csv", false}, RoundTripCase{"vcard", true}),
                         [](const auto& c) { return std::string(c.param.name); });

TEST_F(ImportExportTest, ACancelledExportLeavesNoFile)
{
    addContacts(*workspace, 30000);
    ASSERT_NO_FATAL_FAILURE(showPage());
    page->importExport()->exportAction()->trigger();
    auto* dialog = waitForVisible<ExportDialog>(QStringLiteral("exportDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(child<QRadioButton>(dialog, QStringLiteral("exportSearchRadio"))->isEnabled()) << "no search";
    EXPECT_TRUE(child<QRadioButton>(dialog, QStringLiteral("exportAllRadio"))->isChecked());
    const QString outDir = dir.filePath(QStringLiteral("out"));
    ASSERT_TRUE(QDir().mkpath(outDir));
    const QString path = QDir(outDir).filePath(QStringLiteral("all.csv"));
    dialog->setPath(path);
    QSignalSpy progress(dialog->job(), &BackgroundJob::progress);
    click(child<QPushButton>(dialog, QStringLiteral("exportButton")));
    ASSERT_TRUE(progress.wait(kLongWaitMs));
    auto* panel = child<ProgressPanel>(dialog, QStringLiteral("exportProgress"));
    click(panel->cancelButton());
    auto* message = child<MessageLabel>(dialog, QStringLiteral("exportMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->isVisible() && !dialog->isBusy(); }, kLongWaitMs));
    EXPECT_TRUE(message->text().contains(QStringLiteral("cancelled"))) << message->text().toStdString();
    EXPECT_FALSE(QFile::exists(path));
    EXPECT_TRUE(QDir(outDir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty())
        << "no temporary file either";
}

TEST_F(ImportExportTest, ABurstOfChangeNotificationsRefreshesTheListOnce)
{
    addContacts(*workspace, 50);
    ASSERT_NO_FATAL_FAILURE(showPage());
    // As a sync catching up delivers them: many notifications, one after another.
    const QString id = createContact(*workspace, QStringLiteral("Zed"), QStringLiteral("Last"));
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 51; }));
    const int before = page->refreshCount();
    for (int i = 0; i < 1000; ++i)
        emit workspace->mutations().changed({EntityChange{QStringLiteral("contact"), id, EntityChange::Kind::Updated}});
    ASSERT_TRUE(waitUntil([&] { return page->refreshCount() > before; }));
    // Wait out one quiet period: whatever was gathered has been applied.
    QTimer quiet;
    quiet.setSingleShot(true);
    QSignalSpy done(&quiet, &QTimer::timeout);
    quiet.start(2 * ContactsPage::kRefreshCoalesceMs);
    ASSERT_TRUE(done.wait(10000));
    EXPECT_LE(page->refreshCount() - before, 2) << "not one refresh per notification";
}

// The window: the File menu has the actions with their shortcuts, and a lock asked for during an import waits
// for it to end.
class ImportShellTest : public ImportExportTest
{
protected:
    void TearDown() override
    {
        app.reset();
        ImportExportTest::TearDown();
    }

    MemoryKeyStore keychain;
    std::unique_ptr<AppController> app;
};

TEST_F(ImportShellTest, FileMenuOffersImportAndALockWaitsForTheImport)
{
    ProfileInfo info;
    {
        ProfileManager manager(&keychain);
        ProfileManager::NewProfile request;
        request.dir = dir.filePath(QStringLiteral("app"));
        request.name = QStringLiteral("Imports");
        request.protection = KeyProtection::Keychain;
        std::optional<Result<std::unique_ptr<Workspace>>> result;
        manager.create(request, [&](Result<std::unique_ptr<Workspace>> r) { result.emplace(std::move(r)); });
        ASSERT_TRUE(waitUntil([&] { return result.has_value(); }, 30000));
        ASSERT_TRUE(result->ok()) << result->message().toStdString();
        info = result->value()->info();
    }
    AppOptions options;
    options.profilesRoot = dir.path();
    options.profileDir = info.dir;
    app = std::make_unique<AppController>(&keychain, options);
    app->start();
    ASSERT_TRUE(waitUntil([&] { return app->workspace() != nullptr; }, 30000));
    MainWindow* window = app->mainWindow();
    auto* fileMenu = window->findChild<QMenu*>(QStringLiteral("fileMenu"));
    ASSERT_NE(fileMenu, nullptr);
    QStringList names;
    for (QAction* a : fileMenu->actions())
        names << a->objectName();
    EXPECT_TRUE(names.contains(QStringLiteral("actionImportContacts")));
    EXPECT_TRUE(names.contains(QStringLiteral("actionImportHistory")));
    EXPECT_TRUE(names.contains(QStringLiteral("actionExportContacts")));
    auto* import = window->findChild<QAction*>(QStringLiteral("actionImportContacts"));
    EXPECT_EQ(import->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    EXPECT_EQ(window->findChild<QAction*>(QStringLiteral("actionExportContacts"))->shortcut(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    // The shortcut opens the wizard.
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
    auto* wizard = waitForVisible<ImportWizard>(QStringLiteral("importWizard"));
    ASSERT_NE(wizard, nullptr);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), writeBigCsv(QStringLiteral("big.csv"), 50000));
    next(wizard);
    next(wizard);
    int progressSignals = 0;
    QObject::connect(wizard, &ImportWizard::importProgress, wizard, [&] { ++progressSignals; });
    next(wizard); // Import
    ASSERT_TRUE(waitUntil([&] { return progressSignals > 0; }, kLongWaitMs));
    EXPECT_TRUE(window->isBusy());

    // The idle timer fires meanwhile: the lock waits for the import (here cancelled), then follows it.
    app->lock();
    EXPECT_FALSE(app->isLocked());
    EXPECT_TRUE(app->isLockPending());
    wizard->reject(); // Cancel
    ASSERT_TRUE(waitUntil([&] { return app->isLocked(); }, kLongWaitMs));
    EXPECT_EQ(findVisible(QStringLiteral("importWizard")), nullptr);
}

} // namespace
