// The Segments page: the segment list and a segment's contacts pass QAbstractItemModelTester while they load,
// page and change; a segment built in the rule editor shows its live count (counted on a worker) and its
// contacts; saved, it is in the list; a bulk edit from it adds a tag to every contact as one batch and
// Undo Bulk Edit takes it off again; a newer count request drops an older one; the first page of contacts is
// read on a worker (a newer segment drops an older one's page; errors reported; "Loading…" meanwhile), and so
// are the later pages, one at a time behind a trailing "Loading more contacts…" row.
// OUTPOST_SCREENSHOT_DIR=<dir> saves the page (loading, loading more) and the bulk edit dialog as PNG files.
#include "segments/SegmentsPage.h"

#include "GuiTestUtil.h"
#include "TempDir.h"
#include "mutations/MutationEngine.h"
#include "segments/SegmentBulkEditDialog.h"
#include "segments/SegmentContactsModel.h"
#include "segments/SegmentCounter.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentRuleEditor.h"
#include "shell/Translations.h"
#include "util/Uuid.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QScrollBar>
#include <QSet>
#include <QSqlQuery>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

class SegmentsPageTest : public ::testing::Test
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

    // `count` contacts: every third in Lyon (FR), the others in Berlin (DE); every fifth tagged "vip".
    void addPeople(int count)
    {
        auto batch = workspace->mutations().beginBatch();
        ASSERT_TRUE(batch.ok());
        for (int i = 0; i < count; ++i) {
            const bool lyon = i % 3 == 0;
            QJsonObject fields{{QStringLiteral("firstName"), QStringLiteral("Person")},
                               {QStringLiteral("lastName"), QStringLiteral("Family%1").arg(i, 4, 10, QLatin1Char('0'))},
                               {QStringLiteral("city"), lyon ? QStringLiteral("Lyon") : QStringLiteral("Berlin")},
                               {QStringLiteral("country"), lyon ? QStringLiteral("FR") : QStringLiteral("DE")},
                               {QStringLiteral("email"), QStringLiteral("p%1@example.org").arg(i)}};
            if (i % 5 == 0)
                fields.insert(QStringLiteral("tags"), QStringLiteral("vip"));
            ASSERT_TRUE((*batch)->submit(QStringLiteral("contact.create"),
                                         {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), fields}})
                            .ok());
        }
        ASSERT_TRUE((*batch)->commit().ok());
    }

    void showPage()
    {
        page = std::make_unique<SegmentsPage>(*workspace);
        page->resize(1180, 760);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    qint64 countWithTag(const QString& tag)
    {
        QSqlQuery q(workspace->database().connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE (',' || tags || ',') LIKE ?"));
        q.addBindValue(QString(QStringLiteral("%,") + tag + QStringLiteral(",%")));
        EXPECT_TRUE(q.exec() && q.next());
        return q.value(0).toLongLong();
    }

    static void screenshot(QWidget* w, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        EXPECT_TRUE(w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

    // Fetches every page after the first, each read on the worker: one at a time behind the loading row.
    static void fetchAll(SegmentContactsModel& contacts)
    {
        while (contacts.canFetchMore({})) {
            contacts.fetchMore({});
            ASSERT_TRUE(contacts.isFetchingMore());
            ASSERT_TRUE(waitUntil([&] { return !contacts.isFetchingMore(); }));
        }
    }

    static QJsonObject rule(const char* field, const char* op, const QJsonValue& value)
    {
        return QJsonObject{{QStringLiteral("field"), QLatin1String(field)}, {QStringLiteral("op"), QLatin1String(op)},
                           {QStringLiteral("value"), value}};
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<SegmentsPage> page;
};

TEST_F(SegmentsPageTest, ModelsPassTheTesterWhileTheyLoadPageAndChange)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(450));
    SegmentListModel list(workspace->database());
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (const char* name : {"Lyon", "Berlin", "all"}) {
        ASSERT_TRUE(workspace->mutations()
                        .submit(QStringLiteral("segment.save"),
                                {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("name"), QLatin1String(name)},
                                 {QStringLiteral("definition"), QJsonObject{}}})
                        .ok());
        list.reload();
    }
    ASSERT_EQ(list.rowCount(), 3);
    EXPECT_EQ(list.data(list.index(0)).toString(), QStringLiteral("all")); // by name, case-insensitively
    EXPECT_EQ(list.rowOf(list.data(list.index(2), SegmentListModel::IdRole).toString()), 2);

    SegmentContactsModel contacts(workspace->database());
    QAbstractItemModelTester contactsTester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto lyon = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}}, 0);
    ASSERT_TRUE(lyon.ok());
    contacts.setSegment(lyon.value());
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    EXPECT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize);
    ASSERT_NO_FATAL_FAILURE(fetchAll(contacts));
    EXPECT_EQ(contacts.rowCount(), 150);
    EXPECT_EQ(contacts.data(contacts.index(0, SegmentContactsModel::NameColumn)).toString(), QStringLiteral("Person Family0000"));
    EXPECT_EQ(contacts.data(contacts.index(149, SegmentContactsModel::CityColumn)).toString(), QStringLiteral("Lyon"));
    contacts.setSegment(std::nullopt);
    EXPECT_EQ(contacts.rowCount(), 0);
}

TEST_F(SegmentsPageTest, BuildingASegmentShowsItsLiveCountAndContactsAndSavesIt)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(90)); // 30 in Lyon, 18 vip (6 of them in Lyon)
    ASSERT_NO_FATAL_FAILURE(showPage());
    EXPECT_TRUE(page->currentId().size() > 0); // no segment yet: a new one is started
    SegmentGroupEditor* root = page->editor()->root();

    // The starter rule: city is … — choose "is", type Lyon as a user does.
    auto* row = root->findChild<SegmentRuleRow*>(QStringLiteral("segmentRule"));
    ASSERT_NE(row, nullptr);
    row->fieldCombo()->setCurrentIndex(row->fieldCombo()->findData(QStringLiteral("city")));
    row->operatorCombo()->setCurrentIndex(row->operatorCombo()->findData(QStringLiteral("equals")));
    auto* value = row->valueWidget()->findChild<QLineEdit*>();
    ASSERT_NE(value, nullptr);
    typeInto(value, QStringLiteral("lyon"));
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 30; })) << page->countLabel()->text().toStdString();
    EXPECT_EQ(page->countLabel()->text(), QStringLiteral("Matching contacts: 30"));
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading(); }));
    EXPECT_EQ(page->contactsModel()->rowCount(), 30);

    // AND tags has vip: 6.
    click(root->findChild<QAbstractButton*>(QStringLiteral("segmentAddRule")));
    const auto rows = root->findChildren<SegmentRuleRow*>(QStringLiteral("segmentRule"));
    ASSERT_EQ(rows.size(), 2);
    rows.at(1)->fieldCombo()->setCurrentIndex(rows.at(1)->fieldCombo()->findData(QStringLiteral("tags")));
    EXPECT_EQ(rows.at(1)->operatorCombo()->currentData().toString(), QStringLiteral("has"));
    rows.at(1)->valueWidget()->findChild<QComboBox*>()->setCurrentText(QStringLiteral("vip"));
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 6; })) << page->countLabel()->text().toStdString();
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading(); }));
    EXPECT_EQ(page->contactsModel()->rowCount(), 6);

    // Any of (that) — switch the root to "any": 30 + 18 - 6.
    root->matchCombo()->setCurrentIndex(root->matchCombo()->findData(QStringLiteral("any")));
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 42; })) << page->countLabel()->text().toStdString();

    // An incomplete rule says so and counts nothing.
    typeInto(value, QString());
    ASSERT_TRUE(waitUntil([&] { return page->countLabel()->text().startsWith(QStringLiteral("Complete the rules")); }));
    EXPECT_FALSE(page->saveButton()->isEnabled());
    typeInto(value, QStringLiteral("Lyon"));
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 42; }));

    typeInto(page->nameField(), QStringLiteral("Lyon or VIP"));
    click(page->saveButton());
    ASSERT_EQ(page->listModel()->rowCount(), 1);
    EXPECT_EQ(page->listModel()->data(page->listModel()->index(0)).toString(), QStringLiteral("Lyon or VIP"));
    QSqlDatabase conn = workspace->database().connection();
    auto saved = Segments::find(conn, page->currentId());
    ASSERT_TRUE(saved.ok() && saved->has_value());
    EXPECT_EQ(saved->value().definition, page->editor()->filter());
    screenshot(page.get(), QStringLiteral("segments-page"));

    // Reopened, the editor shows the same rules and the same count.
    page.reset();
    ASSERT_NO_FATAL_FAILURE(showPage());
    EXPECT_EQ(page->nameField()->text(), QStringLiteral("Lyon or VIP"));
    EXPECT_EQ(page->editor()->filter(), saved->value().definition);
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 42; })) << page->countLabel()->text().toStdString();
}

TEST_F(SegmentsPageTest, BulkEditAddsATagToTheSegmentAsOneBatchAndUndoTakesItOff)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(60));
    ASSERT_NO_FATAL_FAILURE(showPage());
    page->editor()->setFilter(QJsonObject{{QStringLiteral("match"), QStringLiteral("all")},
                                          {QStringLiteral("rules"), QJsonArray{rule("country", "equals", QStringLiteral("FR"))}}});
    ASSERT_TRUE(waitUntil([&] { return page->matchCount() == 20; })) << page->countLabel()->text().toStdString();
    const qint64 auditBefore = [&] {
        QSqlQuery q(workspace->database().connection());
        q.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        q.next();
        return q.value(0).toLongLong();
    }();

    click(page->findChild<QPushButton*>(QStringLiteral("segmentBulkEdit")));
    SegmentBulkEditDialog* dialog = page->bulkEditDialog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(SegmentBulkEdit::Kind::AddTag)));
    typeInto(dialog->valueEdit(), QStringLiteral("autumn-mailing"));
    screenshot(dialog, QStringLiteral("segment-bulk-edit"));
    click(dialog->applyButton());
    ASSERT_TRUE(waitUntil([&] { return page->bulkEditDialog() == nullptr; }));
    EXPECT_EQ(countWithTag(QStringLiteral("autumn-mailing")), 20);
    EXPECT_EQ(countWithTag(QStringLiteral("vip")), 12); // kept beside the new tag
    {
        QSqlQuery q(workspace->database().connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) && q.next());
        EXPECT_EQ(q.value(0).toLongLong(), auditBefore + 20); // one audited contact.update each
    }

    auto* undo = page->findChild<QPushButton*>(QStringLiteral("segmentUndoBulkEdit"));
    ASSERT_TRUE(undo->isEnabled());
    click(undo);
    ASSERT_TRUE(waitUntil([&] { return !page->isBusy() && !undo->isEnabled(); }));
    EXPECT_EQ(countWithTag(QStringLiteral("autumn-mailing")), 0);
    EXPECT_EQ(countWithTag(QStringLiteral("vip")), 12);
}

TEST_F(SegmentsPageTest, ANewerCountDropsAnOlderOne)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(30));
    SegmentCounter counter(workspace->database());
    QSignalSpy counted(&counter, &SegmentCounter::counted);
    auto lyon = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}}, 0);
    auto berlin = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Berlin"))}}}, 0);
    counter.requestNow(lyon.value()); // running (or queued) when the next edit comes
    counter.request(berlin.value());
    EXPECT_TRUE(counter.isCounting());
    ASSERT_TRUE(waitUntil([&] { return !counter.isCounting(); }));
    ASSERT_EQ(counted.count(), 1);
    EXPECT_EQ(counted.at(0).at(0).toLongLong(), 20);
}

TEST_F(SegmentsPageTest, TheFirstPageIsReadOnAWorkerAndANewerSegmentDropsAnOlderOnesPage)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(300)); // 100 in Lyon, 200 in Berlin
    SegmentContactsModel contacts(workspace->database());
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&contacts, &QAbstractItemModel::modelReset);
    auto lyon = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}}, 0);
    auto berlin = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Berlin"))}}}, 0);

    contacts.setSegment(lyon.value());
    EXPECT_TRUE(contacts.isLoading()) << "read on the worker, not here";
    EXPECT_EQ(contacts.rowCount(), 0);
    contacts.setSegment(berlin.value()); // before Lyon's page arrives
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    const int resetsWhenLoaded = resets.count();
    ASSERT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize);
    for (int row = 0; row < contacts.rowCount(); ++row)
        ASSERT_EQ(contacts.data(contacts.index(row, SegmentContactsModel::CityColumn)).toString(), QStringLiteral("Berlin"));
    // Lyon's page, should it still be on its way, is not shown.
    QCoreApplication::processEvents();
    EXPECT_EQ(resets.count(), resetsWhenLoaded);
    EXPECT_EQ(contacts.data(contacts.index(0, SegmentContactsModel::CityColumn)).toString(), QStringLiteral("Berlin"));
    // The next pages follow on from the worker's.
    ASSERT_NO_FATAL_FAILURE(fetchAll(contacts));
    EXPECT_EQ(contacts.rowCount(), 200);
}

TEST_F(SegmentsPageTest, AFirstPageThatCannotBeReadIsReported)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(30));
    SegmentContactsModel contacts(workspace->database());
    QSignalSpy failed(&contacts, &SegmentContactsModel::loadFailed);
    auto lyon = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}}, 0);
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts RENAME TO contacts_away")).ok());
    contacts.setSegment(lyon.value());
    const bool loaded = waitUntil([&] { return !contacts.isLoading(); });
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts_away RENAME TO contacts")).ok());
    ASSERT_TRUE(loaded);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("segment"))) << failed.at(0).at(0).toString().toStdString();
    EXPECT_EQ(contacts.rowCount(), 0);
    EXPECT_FALSE(contacts.canFetchMore({}));
    EXPECT_TRUE(contacts.firstPageFailed());
    contacts.setSegment(lyon.value()); // read again
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    EXPECT_FALSE(contacts.firstPageFailed());
    EXPECT_EQ(contacts.rowCount(), 10);
}

TEST_F(SegmentsPageTest, LaterPagesAreReadOnTheWorkerOneAtATimeBehindALoadingRow)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(300)); // 100 in Lyon, 200 in Berlin
    SegmentContactsModel contacts(workspace->database());
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto berlin = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Berlin"))}}}, 0);
    contacts.setSegment(berlin.value());
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    ASSERT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize);
    ASSERT_TRUE(contacts.canFetchMore({}));

    QSignalSpy inserted(&contacts, &QAbstractItemModel::rowsInserted);
    contacts.fetchMore({});
    // The page is delivered through this thread's event loop: until it runs again, the placeholder stands.
    ASSERT_TRUE(contacts.isFetchingMore()) << "read on the worker, not here";
    ASSERT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize + 1);
    const QModelIndex placeholder = contacts.index(SegmentContactsModel::PageSize, SegmentContactsModel::NameColumn);
    EXPECT_EQ(placeholder.data().toString(), QStringLiteral("Loading more contacts…"));
    EXPECT_FALSE(placeholder.flags() & Qt::ItemIsSelectable);
    EXPECT_TRUE(contacts.idAt(SegmentContactsModel::PageSize).isEmpty());
    EXPECT_FALSE(contacts.canFetchMore({})) << "no second fetch while one is on its way";
    contacts.fetchMore({}); // a view asking again meanwhile changes nothing
    EXPECT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize + 1);

    ASSERT_TRUE(waitUntil([&] { return !contacts.isFetchingMore(); }));
    ASSERT_EQ(contacts.rowCount(), 200);
    QSet<QString> ids;
    for (int row = 0; row < contacts.rowCount(); ++row) {
        ASSERT_EQ(contacts.data(contacts.index(row, SegmentContactsModel::CityColumn)).toString(), QStringLiteral("Berlin"));
        ids.insert(contacts.idAt(row));
    }
    EXPECT_EQ(ids.size(), 200) << "no row twice";
    EXPECT_EQ(contacts.data(contacts.index(199, SegmentContactsModel::NameColumn)).toString(), QStringLiteral("Person Family0299"));
    ASSERT_EQ(inserted.count(), 2); // the placeholder, then the page in its place
    EXPECT_EQ(inserted.at(1).at(1).toInt(), SegmentContactsModel::PageSize);
    EXPECT_EQ(inserted.at(1).at(2).toInt(), 199);
    // A full page: the end shows only as the next page comes back empty (nothing inserted).
    ASSERT_NO_FATAL_FAILURE(fetchAll(contacts));
    EXPECT_EQ(contacts.rowCount(), 200);
    EXPECT_FALSE(contacts.canFetchMore({}));
}

TEST_F(SegmentsPageTest, ANewerSegmentDropsALaterPageOnItsWayAndAFailedPageEndsTheRows)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(300)); // 100 in Lyon, 200 in Berlin
    SegmentContactsModel contacts(workspace->database());
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&contacts, &SegmentContactsModel::loadFailed);
    auto lyon = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}}, 0);
    auto berlin = SegmentFilter::compile(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Berlin"))}}}, 0);
    contacts.setSegment(berlin.value());
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    contacts.fetchMore({});
    ASSERT_TRUE(contacts.isFetchingMore());
    contacts.setSegment(lyon.value()); // before Berlin's second page arrives
    EXPECT_FALSE(contacts.isFetchingMore());
    EXPECT_EQ(contacts.rowCount(), 0);
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    QCoreApplication::processEvents(); // Berlin's page, should it still be on its way, is not shown
    ASSERT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize);
    for (int row = 0; row < contacts.rowCount(); ++row)
        ASSERT_EQ(contacts.data(contacts.index(row, SegmentContactsModel::CityColumn)).toString(), QStringLiteral("Lyon"));
    ASSERT_NO_FATAL_FAILURE(fetchAll(contacts)); // exactly a page: the next one is empty
    EXPECT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize);

    contacts.setSegment(berlin.value());
    ASSERT_TRUE(waitUntil([&] { return !contacts.isLoading(); }));
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts RENAME TO contacts_away")).ok());
    contacts.fetchMore({});
    const bool arrived = waitUntil([&] { return !contacts.isFetchingMore(); });
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts_away RENAME TO contacts")).ok());
    ASSERT_TRUE(arrived);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_EQ(contacts.rowCount(), SegmentContactsModel::PageSize) << "the rows read stay; the placeholder goes";
    EXPECT_FALSE(contacts.canFetchMore({}));
    EXPECT_FALSE(contacts.firstPageFailed());
}

TEST_F(SegmentsPageTest, ScrollingToTheEndShowsALoadingRowUntilTheNextPageArrives)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(450)); // 300 in Berlin
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading() && !page->counter()->isCounting(); }));
    page->editor()->setFilter(QJsonObject{{QStringLiteral("match"), QStringLiteral("all")},
                                          {QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Berlin"))}}});
    for (QWidget* w : page->editor()->findChildren<QWidget*>())
        QCoreApplication::sendPostedEvents(w, QEvent::MetaCall);
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading() && !page->counter()->isCounting(); }));
    ASSERT_EQ(page->contactsModel()->rowCount(), SegmentContactsModel::PageSize);
    QTableView* table = page->contactsTable();
    // The view asks for more when its scroll bar reaches the end; the page then arrives through the event loop.
    table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
    ASSERT_TRUE(page->contactsModel()->isFetchingMore());
    table->scrollToBottom();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    ASSERT_TRUE(page->contactsModel()->isFetchingMore());
    screenshot(page.get(), QStringLiteral("segments-page-loading-more"));
    EXPECT_FALSE(page->contactsState()->isVisible()) << "the rows read stay in view";
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isFetchingMore(); }));
    EXPECT_GE(page->contactsModel()->rowCount(), 2 * SegmentContactsModel::PageSize);
    EXPECT_FALSE(page->contactsModel()->idAt(SegmentContactsModel::PageSize).isEmpty());
    // Closing the page while a page is read interrupts the read and waits for it (nothing is delivered later).
    if (page->contactsModel()->canFetchMore({}))
        page->contactsModel()->fetchMore({});
    page.reset();
    QCoreApplication::processEvents();
}

TEST_F(SegmentsPageTest, ThePageSaysItIsLoadingTheContactsUntilTheyArrive)
{
    ASSERT_NO_FATAL_FAILURE(addPeople(30));
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading() && !page->counter()->isCounting(); }));
    // An edit starts the read; the result is delivered through this (the UI) thread's event loop, so until
    // the loop runs again the page is in its loading state.
    page->editor()->setFilter(QJsonObject{{QStringLiteral("match"), QStringLiteral("all")},
                                          {QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Lyon"))}}});
    EXPECT_TRUE(page->contactsModel()->isLoading());
    EXPECT_TRUE(page->contactsState()->isVisible());
    EXPECT_EQ(page->contactsState()->text(), QStringLiteral("Loading the matching contacts…"));
    // For the picture: the new rule's widgets are shown and laid out by posted events; deliver those alone.
    for (QWidget* w : page->editor()->findChildren<QWidget*>())
        QCoreApplication::sendPostedEvents(w, QEvent::MetaCall);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    ASSERT_TRUE(page->contactsModel()->isLoading());
    screenshot(page.get(), QStringLiteral("segments-page-loading"));
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading(); }));
    EXPECT_FALSE(page->contactsState()->isVisible());
    EXPECT_EQ(page->contactsModel()->rowCount(), 10);

    page->editor()->setFilter(QJsonObject{{QStringLiteral("match"), QStringLiteral("all")},
                                          {QStringLiteral("rules"), QJsonArray{rule("city", "equals", QStringLiteral("Oslo"))}}});
    ASSERT_TRUE(waitUntil([&] { return !page->contactsModel()->isLoading(); }));
    EXPECT_TRUE(page->contactsState()->isVisible());
    EXPECT_EQ(page->contactsState()->text(), QStringLiteral("No contacts match these rules."));
}

} // namespace

// A saved rule that names a field, an operator or a choice that no longer exists is not shown as some other
// rule (which would then be counted, bulk-edited and saved): the row keeps it as saved until the user
// changes it.
TEST_F(SegmentsPageTest, ARuleNamingWhatNoLongerExistsIsKeptAsSavedUntilChanged)
{
    const SegmentFields& fields = SegmentFields::standard();
    const QJsonObject gone{{QStringLiteral("field"), QStringLiteral("custom.removed")},
                           {QStringLiteral("op"), QStringLiteral("equals")},
                           {QStringLiteral("value"), QStringLiteral("Gold")}};
    const QJsonObject badOp{{QStringLiteral("field"), QStringLiteral("city")},
                            {QStringLiteral("op"), QStringLiteral("soundsLike")},
                            {QStringLiteral("value"), QStringLiteral("Lyon")}};
    const QJsonObject fine{{QStringLiteral("field"), QStringLiteral("city")},
                           {QStringLiteral("op"), QStringLiteral("equals")},
                           {QStringLiteral("value"), QStringLiteral("Lyon")}};
    for (const QJsonObject& stored : {gone, badOp}) {
        SegmentRuleRow row(fields);
        row.setRule(stored);
        EXPECT_EQ(row.rule(), stored);
        EXPECT_FALSE(row.toolTip().isEmpty());
        EXPECT_NE(row.fieldCombo()->currentText(), QStringLiteral("First name"));
        // The user picks a field: the row is theirs again.
        row.fieldCombo()->setCurrentIndex(row.fieldCombo()->findData(QStringLiteral("postalCode")));
        EXPECT_EQ(row.rule().value(QStringLiteral("field")).toString(), QStringLiteral("postalCode"));
        EXPECT_NE(row.rule(), stored);
        EXPECT_TRUE(row.toolTip().isEmpty());
    }
    SegmentRuleRow row(fields);
    row.setRule(fine);
    EXPECT_EQ(row.rule(), fine);
    EXPECT_TRUE(row.toolTip().isEmpty());
}
