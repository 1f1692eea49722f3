// ContactListModel under QAbstractItemModelTester: browsing a window over ~1,000 contacts, searching while
// more rows are fetched, and changes arriving through onEntitiesChanged.
#include "contacts/ContactListModel.h"
#include "contacts/ContactMutators.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QMutex>
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
    ContactListModel model(*repo);
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

    // rowOfId agrees with idAt everywhere.
    for (int row : {0, 1, 199, 200, 777, 999})
        EXPECT_EQ(model.rowOfId(model.idAt(row)), row);
    EXPECT_EQ(model.rowOfId(newUuidV7()), -1);

    model.reload();
    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, SearchModeWhileFetchingMorePassesTheModelTester)
{
    WarningCollector warnings;
    ContactListModel model(*repo);

    // Paging first, before the tester (which fetches a page itself whenever the model resets).
    // Every address is @example.com: 1,000 matches, five pages.
    model.setSearchText(QStringLiteral("example"));
    ASSERT_TRUE(model.isSearching());
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
    EXPECT_EQ(model.rowOfId(lastId), Contacts - 1);
    EXPECT_TRUE(warnings.warnings().isEmpty()) << warnings.warnings().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ContactListModelTest, InsertsUpdatesAndDeletesPassTheModelTester)
{
    WarningCollector warnings;
    ContactListModel model(*repo);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QObject::connect(engine.get(), &MutationEngine::changed, &model, &ContactListModel::onEntitiesChanged);
    qint64 lastTotal = -2;
    QObject::connect(&model, &ContactListModel::totalChanged, &model, [&](qint64 total) { lastTotal = total; });

    // Browse mode.
    readAll(model);
    const QString aaron = create(QStringLiteral("Aaron"), QStringLiteral("Aalto"));
    EXPECT_EQ(model.rowCount(), Contacts + 1);
    EXPECT_EQ(lastTotal, Contacts + 1);
    EXPECT_EQ(model.rowOfId(aaron), 0);
    EXPECT_EQ(model.idAt(0), aaron);
    readAll(model);

    update(aaron, QStringLiteral("lastName"), QStringLiteral("Zzyzx")); // moves to the end
    EXPECT_EQ(model.rowCount(), Contacts + 1);
    EXPECT_EQ(model.rowOfId(aaron), Contacts);
    EXPECT_EQ(model.data(model.index(Contacts, 0)).toString(), QStringLiteral("Aaron Zzyzx"));
    readAll(model);
    expectNameOrder(model);

    const QString middle = model.idAt(500);
    remove(middle);
    EXPECT_EQ(model.rowCount(), Contacts);
    EXPECT_EQ(model.rowOfId(middle), -1);
    readAll(model);
    expectNameOrder(model);

    // Search mode, with rows still to fetch.
    model.setSearchText(QStringLiteral("example"));
    const int before = static_cast<int>(model.totalMatches());
    ASSERT_TRUE(model.canFetchMore({}));
    const QString acme = create(QStringLiteral("Abe"), QStringLiteral("Aardvark"), QStringLiteral("abe@example.org"));
    EXPECT_EQ(model.totalMatches(), before + 1);
    EXPECT_TRUE(model.canFetchMore({}));
    EXPECT_EQ(model.rowOfId(acme), 0);
    update(acme, QStringLiteral("email"), QStringLiteral("abe@other.net")); // no longer matches
    EXPECT_EQ(model.totalMatches(), before);
    EXPECT_EQ(model.rowOfId(acme), -1);
    const QString firstMatch = model.idAt(0);
    remove(firstMatch);
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

} // namespace
