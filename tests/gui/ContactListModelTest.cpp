// ContactListModel under QAbstractItemModelTester: browsing a window over ~1,000 contacts, searching while
// more rows are fetched and the matches are counted on a worker thread, changes arriving through
// onEntitiesChanged, and reads that fail.
#include "contacts/ContactListModel.h"
#include "contacts/ContactMutators.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"
#include "Wait.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonObject>
#include <QMutex>
#include <QPersistentModelIndex>
#include <QStringList>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

// Collects what QAbstractItemModelTester reports (it warns in category "qt.modeltest") and any other
// warning, so a test can assert there were none.
class WarningCollector
{
public:
    WarningCollector()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&WarningCollector::handle);
    }
    ~WarningCollector()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList warnings() const
    {
        QMutexLocker lock(&m_mutex);
        return m_warnings;
    }
    // Only what the model tester reported (for tests that make reads fail on purpose, which the model logs).
    QStringList modelTesterWarnings() const
    {
        QMutexLocker lock(&m_mutex);
        return m_warnings.filter(QStringLiteral("[qt.modeltest]"));
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (type == QtDebugMsg || type == QtInfoMsg || !s_current)
            return;
        QMutexLocker lock(&s_current->m_mutex);
        s_current->m_warnings << QStringLiteral("[%1] %2").arg(QString::fromLatin1(context.category), message);
    }

    static inline WarningCollector* s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_warnings;
};

const QStringList kFirst = {QStringLiteral("Anna"),  QStringLiteral("Ben"),    QStringLiteral("Chloé"),
                            QStringLiteral("Dario"), QStringLiteral("Emma"),   QStringLiteral("Fatih"),
                            QStringLiteral("Greta"), QStringLiteral("Hugo"),   QStringLiteral("Ingrid"),
                            QStringLiteral("Jonas"), QStringLiteral("Kasia"),  QStringLiteral("Lukas")};
const QStringList kLast = {QStringLiteral("Müller"), QStringLiteral("Schmidt"), QStringLiteral("Dubois"),
                           QStringLiteral("Rossi"),  QStringLiteral("García"),  QStringLiteral("Nowak"),
                           QStringLiteral("Novák"),  QStringLiteral("Yılmaz"),  QStringLiteral("Svensson"),
                           QStringLiteral("Jansen"), QStringLiteral("Nguyễn"),  QStringLiteral("Smith"),
                           QStringLiteral("Kovács")};

class ContactListModelTest : public ::testing::Test
{
protected:
    static constexpr int Contacts = 1000;

    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        repo = std::make_unique<ContactRepository>(*t.db);
        QList<Contact> contacts;
        for (int i = 0; i < Contacts; ++i) {
            Contact c;
            c.id = newUuidV7(clock.nowMs() + i);
            c.firstName = kFirst.at(i % kFirst.size());
            c.lastName = kLast.at((i / kFirst.size()) % kLast.size());
            c.company = i % 2 == 0 ? QStringLiteral("Acme Vertrieb %1").arg(i % 7) : QString();
            c.email = QStringLiteral("person%1@example.com").arg(i);
            c.phone = QStringLiteral("+49 30 %1").arg(1000000 + i);
            c.city = QStringLiteral("Berlin");
            c.country = QStringLiteral("DE");
            c.createdAt = clock.nowMs();
            contacts << c;
        }
        auto inserted = repo->insertBulk(contacts, QStringLiteral("test"));
        ASSERT_TRUE(inserted.ok()) << inserted.message().toStdString();
        ASSERT_EQ(inserted.value(), Contacts);
    }

    QString create(const QString& first, const QString& last, const QString& email = {})
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                                                   {QStringLiteral("lastName"), last},
                                                                                   {QStringLiteral("email"), email}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    void update(const QString& id, const QString& field, const QString& value)
    {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("set"), QJsonObject{{field, value}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
    }

    void remove(const QString& id)
    {
        auto m = engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
    }

    // The row showing `id`, fetching search pages as needed; -1 if it is not in the list.
    static int rowOf(ContactListModel& model, const QString& id)
    {
        for (int from = 0;;) {
            for (int r = from; r < model.rowCount(); ++r)
                if (model.idAt(r) == id)
                    return r;
            from = model.rowCount();
            if (!model.canFetchMore({}))
                return -1;
            model.fetchMore({});
        }
    }

    static bool waitForCount(const ContactListModel& model)
    {
        return test::waitUntil([&] { return model.totalMatches() >= 0; });
    }

    // Reads every cell the way a view scrolling through the list would.
    static void readAll(const QAbstractItemModel& model)
    {
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c)
                (void)model.data(model.index(r, c));
    }

    static void expectNameOrder(const ContactListModel& model)
    {
        QString previous;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString key = model.data(model.index(r, 0), ContactListModel::SortKeyRole).toString();
            ASSERT_FALSE(key.isEmpty()) << "row " << r << " not loaded";
            EXPECT_LE(previous, key) << "row " << r << " is out of name order";
            previous = key;
        }
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<ContactRepository> repo;
};

TEST_F(ContactListModelTest, BrowseModeWindowPassesTheModelTester)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);

    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_EQ(model.columnCount(), ContactListModel::ColumnCount);
    EXPECT_EQ(model.totalMatches(), Contacts);
    EXPECT_FALSE(model.canFetchMore({}));
    // Jump around as a scrolling view does: far pages first, so both the offset and the keyset paths run.
    for (int row : {999, 0, 600, 601, 200, 799, 400})
        EXPECT_FALSE(model.idAt(row).isEmpty()) << row;
    readAll(model);
    expectNameOrder(model);
    EXPECT_EQ(model.headerData(ContactListModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));

    // The repository's position agrees with idAt everywhere.
    for (int row : {0, 1, 199, 200, 777, 999})
        EXPECT_EQ(repo->positionOf(model.idAt(row)).value(), row);

    model.reload();
    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, ScrollingUpwardAfterAJumpReadsExactlyTheRowsInNameOrder)
{
    // Many people share a name here, so ties (broken by row id) sit across page boundaries.
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    // Jump to the end, then read upward: each page above is found from the page below it.
    QStringList upward;
    for (int row = Contacts - 1; row >= 0; --row)
        upward.prepend(model.idAt(row));
    auto all = repo->pageAt(0, Contacts);
    ASSERT_TRUE(all.ok());
    QStringList expected;
    for (const auto& r : all.value())
        expected << r.id;
    EXPECT_TRUE(upward == expected) << "rows read upward differ from the name order";
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, SearchModeWhileFetchingMorePassesTheModelTester)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);

    // Paging first, before the tester (which fetches a page itself whenever the model resets).
    // Every address is @example.com: 1,000 matches, five pages.
    model.setSearchText(QStringLiteral("example"));
    ASSERT_TRUE(model.isSearching());
    EXPECT_EQ(model.totalMatches(), -1) << "counted on a worker thread, not while typing";
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), Contacts);
    EXPECT_EQ(model.rowCount(), ContactListModel::PageSize);
    EXPECT_TRUE(model.canFetchMore({}));

    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    int fetches = 0;
    while (model.canFetchMore({}) && fetches < 100) {
        const int before = model.rowCount();
        model.fetchMore({});
        ++fetches;
        // A fetch brings rows, or (after a last full page) finds there are no more.
        EXPECT_TRUE(model.rowCount() > before || !model.canFetchMore({}));
        readAll(model);
    }
    EXPECT_GT(fetches, 0);
    EXPECT_FALSE(model.canFetchMore({}));
    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_EQ(model.totalMatches(), Contacts);
    expectNameOrder(model);

    // Every second contact works for an "Acme" company; narrow that down, then a search that matches
    // nothing, then back to browsing.
    model.setSearchText(QStringLiteral("acme"));
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 500);
    EXPECT_EQ(model.totalMatches(), 500);
    model.setSearchText(QStringLiteral("acme müller"));
    EXPECT_GT(model.rowCount(), 0);
    EXPECT_LT(model.rowCount(), 500);
    readAll(model);
    model.setSearchText(QStringLiteral("zzzz-nobody"));
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.totalMatches(), 0);
    model.setSearchText(QString());
    EXPECT_FALSE(model.isSearching());
    EXPECT_EQ(model.rowCount(), Contacts);

    // A search row can be found by id while pages are still to come.
    model.setSearchText(QStringLiteral("example"));
    ASSERT_TRUE(model.canFetchMore({}));
    const QString lastId = [&] {
        auto all = repo->search(ContactQuery::parse(QStringLiteral("example")), std::nullopt, 2000);
        return all.ok() && !all->isEmpty() ? all->last().id : QString();
    }();
    ASSERT_FALSE(lastId.isEmpty());
    EXPECT_EQ(rowOf(model, lastId), Contacts - 1);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, InsertsUpdatesAndDeletesPassTheModelTester)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QObject::connect(engine.get(), &MutationEngine::changed, &model, &ContactListModel::onEntitiesChanged);
    qint64 lastTotal = -2;
    QObject::connect(&model, &ContactListModel::totalChanged, &model, [&](qint64 total) { lastTotal = total; });

    // Browse mode.
    readAll(model);
    const QString aaron = create(QStringLiteral("Aaron"), QStringLiteral("Aalto"));
    EXPECT_EQ(model.rowCount(), Contacts + 1);
    EXPECT_EQ(lastTotal, Contacts + 1);
    EXPECT_EQ(model.idAt(0), aaron);
    readAll(model);

    update(aaron, QStringLiteral("lastName"), QStringLiteral("Zzyzx")); // moves to the end
    EXPECT_EQ(model.rowCount(), Contacts + 1);
    EXPECT_EQ(model.idAt(Contacts), aaron);
    EXPECT_EQ(model.data(model.index(Contacts, 0)).toString(), QStringLiteral("Aaron Zzyzx"));
    readAll(model);
    expectNameOrder(model);

    const QString middle = model.idAt(500);
    remove(middle);
    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_EQ(rowOf(model, middle), -1);
    readAll(model);
    expectNameOrder(model);

    // Search mode, with rows still to fetch.
    model.setSearchText(QStringLiteral("example"));
    ASSERT_TRUE(waitForCount(model));
    const int before = static_cast<int>(model.totalMatches());
    ASSERT_TRUE(model.canFetchMore({}));
    const QString acme = create(QStringLiteral("Abe"), QStringLiteral("Aardvark"), QStringLiteral("abe@example.org"));
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), before + 1);
    EXPECT_TRUE(model.canFetchMore({}));
    EXPECT_EQ(model.idAt(0), acme);
    update(acme, QStringLiteral("email"), QStringLiteral("abe@other.net")); // no longer matches
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), before);
    EXPECT_NE(model.idAt(0), acme);
    const QString firstMatch = model.idAt(0);
    remove(firstMatch);
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), before - 1);
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), before - 1);
    readAll(model);
    expectNameOrder(model);

    // A change to another kind of entity is ignored.
    const int rows = model.rowCount();
    model.onEntitiesChanged({EntityChange{QStringLiteral("ticket"), newUuidV7(), EntityChange::Kind::Created}});
    EXPECT_EQ(model.rowCount(), rows);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, AChangeNeverLeavesAPersistentIndexOnAnotherContact)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QObject::connect(engine.get(), &MutationEngine::changed, &model, &ContactListModel::onEntitiesChanged);

    // Browse mode: a contact that sorts first moves every row below it down by one.
    const QPersistentModelIndex held(model.index(500, ContactListModel::NameColumn));
    const QString heldId = model.idAt(500);
    create(QStringLiteral("Aaron"), QStringLiteral("Aalto"));
    EXPECT_EQ(model.rowCount(), Contacts + 1);
    EXPECT_TRUE(!held.isValid() || model.idAt(held.row()) == heldId)
        << "row " << held.row() << " now shows another contact";

    // And one that is removed from above.
    const QPersistentModelIndex held2(model.index(700, ContactListModel::NameColumn));
    const QString heldId2 = model.idAt(700);
    remove(model.idAt(3));
    EXPECT_TRUE(!held2.isValid() || model.idAt(held2.row()) == heldId2)
        << "row " << held2.row() << " now shows another contact";
    readAll(model);
    expectNameOrder(model);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, StaleCountsOfEarlierSearchesAreDropped)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QList<qint64> totals;
    QObject::connect(&model, &ContactListModel::totalChanged, &model, [&](qint64 total) { totals << total; });

    // Typed one after the other, before either count is back: 1,000 matches, then 500.
    model.setSearchText(QStringLiteral("example"));
    model.setSearchText(QStringLiteral("acme"));
    EXPECT_EQ(model.totalMatches(), -1);
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), 500);
    // Counts come back in the order they were started, so the first one, if it ran at all, is already here.
    EXPECT_FALSE(totals.contains(Contacts)) << "the count of the earlier search was shown";
    EXPECT_EQ(totals.last(), 500);

    // A count started before a change is dropped too: the one started by the change is shown.
    model.setSearchText(QStringLiteral("example"));
    create(QStringLiteral("Abe"), QStringLiteral("Aardvark"), QStringLiteral("abe@example.org"));
    model.onEntitiesChanged({EntityChange{QStringLiteral("contact"), newUuidV7(), EntityChange::Kind::Created}});
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), Contacts + 1);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, AFailedCountIsReportedInsteadOfCountingForever)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QStringList failures;
    QObject::connect(&model, &ContactListModel::loadFailed, &model, [&](const QString& m) { failures << m; });

    // The worker opens its own connection: with the file moved away (this thread's connection keeps it
    // open), that fails while the search on this thread still works.
    const QString moved = t.path() + QStringLiteral(".away");
    ASSERT_TRUE(QFile::rename(t.path(), moved));
    model.setSearchText(QStringLiteral("example"));
    const bool reported = test::waitUntil([&] { return !failures.isEmpty(); });
    ASSERT_TRUE(QFile::rename(moved, t.path()));
    ASSERT_TRUE(reported) << "a failed count must be reported";
    EXPECT_TRUE(model.countFailed());
    EXPECT_EQ(model.totalMatches(), -1);
    EXPECT_EQ(model.rowCount(), ContactListModel::PageSize) << "the matches themselves are shown";

    // The next search counts again.
    model.setSearchText(QStringLiteral("acme"));
    EXPECT_FALSE(model.countFailed());
    ASSERT_TRUE(waitForCount(model));
    EXPECT_EQ(model.totalMatches(), 500);
    EXPECT_TRUE(warnings.modelTesterWarnings().isEmpty())
        << warnings.modelTesterWarnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, AFailedPageIsReportedOnceAndShownAsAnError)
{
    WarningCollector warnings;
    ContactListModel model(*repo, *t.db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    int failures = 0;
    QObject::connect(&model, &ContactListModel::loadFailed, &model, [&] { ++failures; });
    const int rows = model.rowCount();
    ASSERT_EQ(rows, Contacts);

    // The rows cannot be read (the count can: it is kept elsewhere).
    ASSERT_TRUE(t.db->execScript(QStringLiteral("ALTER TABLE contacts RENAME TO contacts_away")).ok());
    const QString shown = model.data(model.index(600, ContactListModel::NameColumn)).toString();
    // A view paints the rows of a page again and again: the page is not read again each time.
    for (int i = 0; i < 5; ++i)
        for (int r = 600; r < 610; ++r)
            (void)model.data(model.index(r, ContactListModel::NameColumn));
    const QString tip = model.data(model.index(601, ContactListModel::NameColumn), Qt::ToolTipRole).toString();
    ASSERT_TRUE(t.db->execScript(QStringLiteral("ALTER TABLE contacts_away RENAME TO contacts")).ok());

    EXPECT_EQ(shown, QStringLiteral("Could not be read"));
    EXPECT_FALSE(tip.isEmpty()) << "the tooltip says why";
    EXPECT_EQ(failures, 1) << "reported once, not at every paint";
    EXPECT_TRUE(model.data(model.index(600, ContactListModel::EmailColumn)).toString().isEmpty());

    // A reload reads it again.
    model.reload();
    EXPECT_EQ(model.rowCount(), rows);
    EXPECT_NE(model.data(model.index(600, ContactListModel::NameColumn)).toString(), QStringLiteral("Could not be read"));
    EXPECT_FALSE(model.idAt(600).isEmpty());
    EXPECT_EQ(failures, 1);
    EXPECT_TRUE(warnings.modelTesterWarnings().isEmpty())
        << warnings.modelTesterWarnings().join(QLatin1Char('\n')).toStdString();
}

} // namespace
