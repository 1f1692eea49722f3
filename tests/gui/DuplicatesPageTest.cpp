// The Duplicates page: the pair model passes QAbstractItemModelTester while it fetches, loses pairs and
// follows edits; the page scans in the background, merges a pair through the dialog with a picked field,
// merges all confident pairs, undoes, and cancels. OUTPOST_SCREENSHOT_DIR=<dir> saves the page and the merge
// dialog as PNG files for looking at them.
#include "duplicates/DuplicatesPage.h"

#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "duplicates/DuplicatePairModel.h"
#include "duplicates/MergeDialog.h"
#include "duplicates/MergeHistory.h"
#include "GuiTestUtil.h"
#include "shell/Translations.h"
#include "TempDir.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

class DuplicatesPageTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        ASSERT_NE(workspace, nullptr);
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    QString add(const QJsonObject& fields)
    {
        const QString id = newUuidV7();
        auto m = workspace->mutations().submit(
            QStringLiteral("contact.create"),
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    void addDemo(int n, quint64 seed = 4711)
    {
        DemoDataLoader::Options o;
        o.contacts = n;
        o.seed = seed;
        auto loaded = DemoDataLoader::loadContacts(*workspace, o);
        ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
    }

    // `n` people entered twice (the second time in capitals, with the phone in another format).
    void addTwins(int n)
    {
        for (int i = 0; i < n; ++i) {
            const QString first = QStringLiteral("Twin%1").arg(i, 4, 10, QLatin1Char('0'));
            add(QJsonObject{{QStringLiteral("firstName"), first},
                            {QStringLiteral("lastName"), QStringLiteral("Doppelganger")},
                            {QStringLiteral("email"), QStringLiteral("twin%1@example.org").arg(i)},
                            {QStringLiteral("city"), QStringLiteral("Bremen")}});
            add(QJsonObject{{QStringLiteral("firstName"), first.toUpper()},
                            {QStringLiteral("lastName"), QStringLiteral("DOPPELGANGER")},
                            {QStringLiteral("email"), QStringLiteral("Twin%1@Example.org").arg(i)},
                            {QStringLiteral("phone"), QStringLiteral("+49 421 %1").arg(5550000 + i)}});
        }
    }

    qint64 contacts()
    {
        QSqlQuery q(workspace->database().connection());
        q.exec(QStringLiteral("SELECT count(*) FROM contacts"));
        q.next();
        return q.value(0).toLongLong();
    }

    void showPage()
    {
        page = std::make_unique<DuplicatesPage>(*workspace);
        page->resize(1200, 720);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    // Runs `start` and waits for the background work it began to end.
    bool runAndWait(const std::function<void()>& start)
    {
        QSignalSpy done(page.get(), &DuplicatesPage::workFinished);
        start();
        return waitUntil([&] { return done.count() > 0; }, 60000);
    }

    static void screenshot(QWidget* w, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        EXPECT_TRUE(w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<DuplicatesPage> page;
};

TEST_F(DuplicatesPageTest, PairModelPassesTheModelTesterWhileFetchingAndChanging)
{
    addTwins(250);
    auto scanned = DuplicateScanner(workspace->database()).scan({});
    ASSERT_TRUE(scanned.ok());
    ASSERT_EQ(scanned->pairs.size(), 250);

    DuplicatePairModel model(workspace->database());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPairs(scanned->pairs);
    EXPECT_EQ(model.rowCount(), DuplicatePairModel::PageSize); // one page read, not the whole result
    EXPECT_EQ(model.totalPairs(), 250);
    EXPECT_EQ(model.pairsScoringAtLeast(DuplicateScoring::kConfidentScore), 250);
    EXPECT_TRUE(model.data(model.index(0, DuplicatePairModel::FirstColumn))
                    .toString()
                    .contains(QStringLiteral("Twin")));
    EXPECT_TRUE(model.data(model.index(0, DuplicatePairModel::ReasonsColumn))
                    .toString()
                    .contains(QStringLiteral("Same e-mail address")));
    EXPECT_EQ(model.headerData(DuplicatePairModel::SecondColumn, Qt::Horizontal).toString(),
              QStringLiteral("Possible duplicate"));

    // A contact of a shown row is deleted: its pair leaves the list.
    const QString gone = model.idAt(3, 0);
    ASSERT_FALSE(gone.isEmpty());
    QObject::connect(&workspace->mutations(), &MutationEngine::changed, &model,
                     &DuplicatePairModel::onEntitiesChanged);
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), gone}})
                    .ok());
    EXPECT_EQ(model.rowCount(), DuplicatePairModel::PageSize - 1);
    EXPECT_EQ(model.totalPairs(), 249);
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_NE(model.idAt(row, 0), gone);

    // An edited contact shows its new name.
    const QString edited = model.idAt(0, 1);
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), edited},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("lastName"),
                                                                             QStringLiteral("Renamed")}}}})
                    .ok());
    EXPECT_TRUE(model.data(model.index(0, DuplicatePairModel::SecondColumn))
                    .toString()
                    .contains(QStringLiteral("Renamed")));

    // A contact of a row not fetched yet: the pair is dropped when its page is read.
    const DuplicatePair last = model.pairs().last();
    QSqlQuery q(workspace->database().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("DELETE FROM contacts WHERE rid = %1").arg(last.ridB)));
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 248);
    EXPECT_FALSE(model.canFetchMore({}));

    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(DuplicatesPageTest, ScanMergeThroughTheDialogAndUndo)
{
    addDemo(400);
    addTwins(3);
    const QString keep =
        add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Marguerite")},
                        {QStringLiteral("lastName"), QStringLiteral("Delacroix-Fontaine")},
                        {QStringLiteral("email"), QStringLiteral("marguerite@delacroix.example")},
                        {QStringLiteral("phone"), QStringLiteral("+33 1 42 68 53 00")},
                        {QStringLiteral("city"), QStringLiteral("Paris")},
                        {QStringLiteral("notes"), QStringLiteral("Prefers calls in the morning.")}});
    const QString other =
        add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Marguerite")},
                        {QStringLiteral("lastName"), QStringLiteral("Delacroix Fontaine")},
                        {QStringLiteral("email"), QStringLiteral("MARGUERITE@delacroix.example")},
                        {QStringLiteral("company"), QStringLiteral("Atelier Delacroix")},
                        {QStringLiteral("city"), QStringLiteral("Lyon")},
                        {QStringLiteral("notes"), QStringLiteral("Met at the Lyon trade fair.")}});
    const qint64 before = contacts();
    showPage();
    EXPECT_TRUE(child<QLabel>(page.get(), QStringLiteral("duplicateEmptyState"))->isVisible());
    EXPECT_FALSE(child<QPushButton>(page.get(), QStringLiteral("undoMergeButton"))->isEnabled());

    ASSERT_TRUE(runAndWait([&] { click(child<QPushButton>(page.get(), QStringLiteral("scanButton"))); }));
    DuplicatePairModel* model = page->model();
    ASSERT_EQ(model->totalPairs(), 4);
    EXPECT_FALSE(child<QLabel>(page.get(), QStringLiteral("duplicateEmptyState"))->isVisible());
    EXPECT_TRUE(child<QLabel>(page.get(), QStringLiteral("duplicateStatus"))
                    ->text()
                    .contains(QStringLiteral("4 possible duplicates")))
        << child<QLabel>(page.get(), QStringLiteral("duplicateStatus"))->text().toStdString();
    EXPECT_EQ(page->summary(), QStringLiteral("4 possible duplicates"));
    screenshot(page.get(), QStringLiteral("duplicates-page"));

    // Open the Marguerite pair, keep the first one, take the city from the second.
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->idAt(r, 0) == keep || model->idAt(r, 1) == keep)
            row = r;
    }
    ASSERT_GE(row, 0);
    page->table()->selectRow(row);
    page->reviewSelected();
    MergeDialog* dialog = page->mergeDialog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    EXPECT_TRUE(dialog->hasChoice(QStringLiteral("city")));
    EXPECT_FALSE(dialog->hasChoice(QStringLiteral("firstName"))); // the same in both
    const MergeDialog::Side keepSide = dialog->kept().id == keep ? MergeDialog::First : MergeDialog::Second;
    const MergeDialog::Side otherSide =
        keepSide == MergeDialog::First ? MergeDialog::Second : MergeDialog::First;
    dialog->setKeep(keepSide);
    // A radio button takes clicks on its circle and its text (a wide one not at its centre).
    QAbstractButton* lyon =
        child<QAbstractButton>(dialog, QStringLiteral("pick_city_%1").arg(int(otherSide)));
    ASSERT_TRUE(lyon->isVisible() && lyon->isEnabled());
    QTest::mouseClick(lyon, Qt::LeftButton, {}, QPoint(8, lyon->height() / 2));
    dialog->pick(QStringLiteral("notes"), MergeDialog::Both);
    EXPECT_EQ(dialog->kept().id, keep);
    EXPECT_EQ(dialog->values().value(QStringLiteral("city")), QStringLiteral("Lyon"));
    EXPECT_TRUE(child<QLabel>(dialog, QStringLiteral("mergeReasons"))
                    ->text()
                    .contains(QStringLiteral("Same e-mail address")));
    screenshot(dialog, QStringLiteral("merge-dialog"));
    click(child<QPushButton>(dialog, QStringLiteral("mergeButton")));
    ASSERT_TRUE(waitUntil([&] { return page->mergeDialog() == nullptr; }));

    EXPECT_EQ(contacts(), before - 1);
    auto kept = workspace->contacts().find(keep);
    ASSERT_TRUE(kept.ok() && kept->has_value());
    EXPECT_EQ(kept.value()->city, QStringLiteral("Lyon"));
    EXPECT_EQ(kept.value()->company, QStringLiteral("Atelier Delacroix"));
    EXPECT_EQ(kept.value()->notes,
              QStringLiteral("Prefers calls in the morning.\n\nMet at the Lyon trade fair."));
    EXPECT_FALSE(workspace->contacts().find(other)->has_value());
    EXPECT_EQ(model->totalPairs(), 3); // the merged pair left the list
    EXPECT_EQ(child<MessageLabel>(page.get(), QStringLiteral("duplicateMessage"))->kind(),
              MessageLabel::Kind::Success);

    // Undo: asked first, runs in the background, then the list is scanned again.
    QPushButton* undo = child<QPushButton>(page.get(), QStringLiteral("undoMergeButton"));
    ASSERT_TRUE(undo->isEnabled());
    QSignalSpy done(page.get(), &DuplicatesPage::workFinished);
    click(undo);
    auto* confirm = waitForVisible<QPushButton>(QStringLiteral("confirmUndoButton"));
    ASSERT_NE(confirm, nullptr);
    click(confirm);
    ASSERT_TRUE(waitUntil([&] { return done.count() >= 2; }, 60000)); // the undo, then the new scan
    EXPECT_EQ(contacts(), before);
    auto back = workspace->contacts().find(other);
    ASSERT_TRUE(back.ok() && back->has_value());
    EXPECT_EQ(back.value()->city, QStringLiteral("Lyon"));
    EXPECT_EQ(workspace->contacts().find(keep).value()->city, QStringLiteral("Paris"));
    EXPECT_EQ(model->totalPairs(), 4);
    EXPECT_FALSE(undo->isEnabled());
}

TEST_F(DuplicatesPageTest, MergeAllConfidentPairsThenUndo)
{
    addDemo(300);
    addTwins(40);
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Halvard")},
                    {QStringLiteral("lastName"), QStringLiteral("Brekke")},
                    {QStringLiteral("company"), QStringLiteral("Fjordkraft")},
                    {QStringLiteral("street"), QStringLiteral("Kaigata 1")},
                    {QStringLiteral("postalCode"), QStringLiteral("5016")}});
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Halvard")},
                    {QStringLiteral("lastName"), QStringLiteral("Brekkke")},
                    {QStringLiteral("company"), QStringLiteral("Fjordkraft")},
                    {QStringLiteral("street"), QStringLiteral("Kaigata 1")},
                    {QStringLiteral("postalCode"), QStringLiteral("5016")}});
    const qint64 before = contacts();
    showPage();
    ASSERT_TRUE(runAndWait([&] { page->startScan(); }));
    ASSERT_EQ(page->model()->totalPairs(), 41);
    QPushButton* mergeAll = child<QPushButton>(page.get(), QStringLiteral("mergeAllButton"));
    EXPECT_TRUE(mergeAll->isEnabled());
    EXPECT_EQ(mergeAll->text(), QStringLiteral("Merge All Confident (40)\u2026"));

    QSignalSpy done(page.get(), &DuplicatesPage::workFinished);
    click(mergeAll);
    auto* confirm = waitForVisible<QPushButton>(QStringLiteral("confirmMergeAllButton"));
    ASSERT_NE(confirm, nullptr);
    click(confirm);
    ASSERT_TRUE(waitUntil([&] { return done.count() >= 2; }, 60000)); // the merge, then the new scan
    EXPECT_EQ(contacts(), before - 40);
    EXPECT_EQ(page->model()->totalPairs(), 1); // the typo pair is not confident: left for review
    EXPECT_TRUE(child<MessageLabel>(page.get(), QStringLiteral("duplicateMessage"))
                    ->text()
                    .contains(QStringLiteral("Merged 40 pairs")))
        << child<MessageLabel>(page.get(), QStringLiteral("duplicateMessage"))->text().toStdString();
    EXPECT_FALSE(mergeAll->isEnabled());

    MergeHistory history(workspace->database(), workspace->mutations());
    auto last = history.lastActive();
    ASSERT_TRUE(last.ok() && last->has_value());
    EXPECT_EQ(last.value()->merges, 40);
    done.clear();
    page->undoLastMerge();
    click(waitForVisible<QPushButton>(QStringLiteral("confirmUndoButton")));
    ASSERT_TRUE(waitUntil([&] { return done.count() >= 2; }, 60000));
    EXPECT_EQ(contacts(), before);
    EXPECT_EQ(page->model()->totalPairs(), 41);
}

TEST_F(DuplicatesPageTest, CancelLeavesThePageIdle)
{
    addDemo(20000);
    showPage();
    QSignalSpy done(page.get(), &DuplicatesPage::workFinished);
    page->startScan();
    EXPECT_TRUE(page->isBusy());
    QPushButton* cancel = child<QPushButton>(page.get(), QStringLiteral("cancelScanButton"));
    EXPECT_TRUE(cancel->isVisible());
    EXPECT_FALSE(child<QPushButton>(page.get(), QStringLiteral("scanButton"))->isEnabled());
    click(cancel);
    ASSERT_TRUE(waitUntil([&] { return done.count() > 0; }, 60000));
    EXPECT_FALSE(page->isBusy());
    EXPECT_FALSE(cancel->isVisible());
    EXPECT_TRUE(child<QPushButton>(page.get(), QStringLiteral("scanButton"))->isEnabled());
    // Whether the cancel arrived before the scan ended depends on the machine; either way it ends cleanly.
    const QString message = child<MessageLabel>(page.get(), QStringLiteral("duplicateMessage"))->text();
    EXPECT_TRUE(message.contains(QStringLiteral("cancelled")) || message.isEmpty()) << message.toStdString();
}

} // namespace
