// Segments: a filter of AND/OR groups over the field catalogue, compiled to a parameterised WHERE (values are
// bound, never formatted in), counted and used as the source of an export; saved as segment.save@1 (validated
// first, audited, synced by its row codec); other areas plug fields into the catalogue.
#include "importexport/ContactExporter.h"
#include "mutations/MutationEngine.h"
#include "replication/RowCodec.h"
#include "segments/SegmentFilter.h"
#include "segments/SegmentMutators.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::test;

namespace {

constexpr qint64 kNow = 1'760'000'000'000;
constexpr qint64 kDay = 24LL * 3600 * 1000;

QJsonObject rule(const char* field, const char* op, const QJsonValue& value = {})
{
    QJsonObject r{{QStringLiteral("field"), QLatin1String(field)}, {QStringLiteral("op"), QLatin1String(op)}};
    if (!value.isUndefined())
        r.insert(QStringLiteral("value"), value);
    return r;
}

QJsonObject group(const char* match, const QJsonArray& rules)
{
    return QJsonObject{{QStringLiteral("match"), QLatin1String(match)}, {QStringLiteral("rules"), rules}};
}

class SegmentFilterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        add("Anna", "Berg", "anna@berg.example", "Lyon", "FR", "ana", "100% organic");
        add("Ben", "Okafor", "ben@okafor.example", "lyon", "FR", "ben", "");
        add("Clara", "Lindqvist", "", "Malmö", "SE", "ana", "");
        clock.advance(40 * kDay);
        add("David", "Young", "david@young.example", "Boston", "US", "", "100 units");
        clock.advance(kDay);
    }

    QString add(const char* first, const char* last, const char* email, const char* city, const char* country,
                const char* owner, const char* notes)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                {{QStringLiteral("id"), id},
                                 {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QString::fromUtf8(first)},
                                                                        {QStringLiteral("lastName"), QString::fromUtf8(last)},
                                                                        {QStringLiteral("email"), QString::fromUtf8(email)},
                                                                        {QStringLiteral("city"), QString::fromUtf8(city)},
                                                                        {QStringLiteral("country"), QString::fromUtf8(country)},
                                                                        {QStringLiteral("ownerId"), QString::fromUtf8(owner)},
                                                                        {QStringLiteral("notes"), QString::fromUtf8(notes)}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        ids[QString::fromUtf8(first)] = id;
        return id;
    }

    qint64 count(const QJsonObject& filter, const SegmentFields& fields = SegmentFields::standard())
    {
        auto sql = SegmentFilter::compile(filter, clock.nowMs(), fields);
        EXPECT_TRUE(sql.ok()) << sql.message().toStdString();
        if (!sql)
            return -1;
        QSqlDatabase conn = t.db->connection();
        auto n = SegmentFilter::count(conn, sql.value());
        EXPECT_TRUE(n.ok()) << n.message().toStdString();
        return n.ok() ? n.value() : -1;
    }

    QString error(const QJsonObject& filter)
    {
        auto sql = SegmentFilter::compile(filter, clock.nowMs());
        EXPECT_FALSE(sql.ok());
        EXPECT_EQ(sql.code(), ErrorCode::InvalidArgument);
        return sql.message();
    }

    TestDatabase t;
    ManualClock clock{kNow};
    std::unique_ptr<MutationEngine> engine;
    QHash<QString, QString> ids;
};

TEST_F(SegmentFilterTest, RulesAndGroupsCountTheRightContacts)
{
    EXPECT_EQ(count({}), 4); // no rules: everyone
    EXPECT_EQ(count(group("all", {rule("city", "equals", QStringLiteral("LYON"))})), 2); // case-insensitive
    EXPECT_EQ(count(group("all", {rule("email", "contains", QStringLiteral("example"))})), 3);
    EXPECT_EQ(count(group("all", {rule("email", "isEmpty")})), 1);
    EXPECT_EQ(count(group("all", {rule("lastName", "startsWith", QStringLiteral("lind"))})), 1);
    // % and _ in a value are literal.
    EXPECT_EQ(count(group("all", {rule("notes", "contains", QStringLiteral("100%"))})), 1);
    EXPECT_EQ(count(group("all", {rule("country", "in", QJsonArray{QStringLiteral("SE"), QStringLiteral("US")})})), 2);
    EXPECT_EQ(count(group("all", {rule("owner", "isEmpty")})), 1);
    EXPECT_EQ(count(group("all", {rule("createdAt", "withinLastDays", 7)})), 1);
    EXPECT_EQ(count(group("all", {rule("createdAt", "before", double(kNow + kDay))})), 3);
    // (city is Lyon AND owner is ana) OR country is US
    EXPECT_EQ(count(group("any", {group("all", {rule("city", "equals", QStringLiteral("lyon")),
                                                 rule("owner", "equals", QStringLiteral("ana"))}),
                                  rule("country", "equals", QStringLiteral("US"))})),
              2);
    EXPECT_EQ(count(group("all", {rule("city", "notEquals", QStringLiteral("lyon")),
                                  rule("notes", "notContains", QStringLiteral("units"))})),
              1);
}

TEST_F(SegmentFilterTest, ValuesAreBoundNeverFormattedIntoTheSql)
{
    EXPECT_EQ(count(group("all", {rule("city", "equals", QStringLiteral("x' OR 1=1 --"))})), 0);
    auto sql = SegmentFilter::compile(group("all", {rule("city", "equals", QStringLiteral("x' OR 1=1 --"))}), kNow);
    ASSERT_TRUE(sql.ok());
    EXPECT_FALSE(sql->where.contains(QStringLiteral("OR 1=1")));
}

TEST_F(SegmentFilterTest, BadFiltersSayWhatAndWhere)
{
    EXPECT_TRUE(error(group("all", {rule("city", "equals", QStringLiteral("Lyon")), rule("shoeSize", "equals", 42)}))
                    .startsWith(QStringLiteral("rules[1]: there is no field \"shoeSize\"")));
    EXPECT_TRUE(error(group("all", {group("any", {rule("createdAt", "contains", QStringLiteral("x"))})}))
                    .startsWith(QStringLiteral("rules[0].rules[0]: \"contains\" cannot be used")));
    EXPECT_TRUE(error(group("all", {rule("createdAt", "after", QStringLiteral("yesterday"))})).contains(QStringLiteral("number")));
    EXPECT_TRUE(error(group("all", {rule("country", "in", QJsonArray{})})).contains(QStringLiteral("list")));
    EXPECT_TRUE(error(group("most", {})).contains(QStringLiteral("\"all\" or \"any\"")));
    QJsonObject deep = group("all", {rule("city", "isEmpty")});
    for (int i = 0; i < 10; ++i)
        deep = group("all", {deep});
    EXPECT_TRUE(error(deep).contains(QStringLiteral("nested too deeply")));
}

TEST_F(SegmentFilterTest, OtherAreasPlugFieldsIn)
{
    // As crm1 would add tags (a set) and a custom field, and crm2 the score (a number).
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE contact_tags(contact_id TEXT, tag TEXT)")));
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO contact_tags VALUES('%1', 'vip'), ('%2', 'vip'), ('%2', 'press')")
                           .arg(ids.value(QStringLiteral("Anna")), ids.value(QStringLiteral("David")))));
    SegmentFields fields = SegmentFields::standard();
    fields.add({QStringLiteral("tags"), QStringLiteral("Tags"), SegmentField::Type::Set,
                QStringLiteral("SELECT tag FROM contact_tags WHERE contact_tags.contact_id = contacts.id")});
    fields.add({QStringLiteral("score"), QStringLiteral("Score"), SegmentField::Type::Number, QStringLiteral("length(last_name)")});
    EXPECT_EQ(count(group("all", {rule("tags", "has", QStringLiteral("vip"))}), fields), 2);
    EXPECT_EQ(count(group("all", {rule("tags", "hasNot", QStringLiteral("press")), rule("tags", "has", QStringLiteral("vip"))}), fields), 1);
    EXPECT_EQ(count(group("all", {rule("score", "greaterThan", 5)}), fields), 2); // Okafor, Lindqvist
}

TEST_F(SegmentFilterTest, ConsentInForceIsAField)
{
    auto m = engine->submit(QStringLiteral("consent.give"),
                            {{QStringLiteral("id"), newUuidV7()},
                             {QStringLiteral("contactId"), ids.value(QStringLiteral("Ben"))},
                             {QStringLiteral("purpose"), QStringLiteral("newsletter")},
                             {QStringLiteral("givenAt"), double(kNow)}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    EXPECT_EQ(count(group("all", {rule("consent", "has", QStringLiteral("newsletter"))})), 1);
    EXPECT_EQ(count(group("all", {rule("consent", "hasNot", QStringLiteral("newsletter"))})), 3);
}

TEST_F(SegmentFilterTest, SavedSegmentsAreValidatedAuditedAndSynced)
{
    const qint64 audit = [&] {
        QSqlQuery q(t.db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        q.next();
        return q.value(0).toLongLong();
    }();
    const QString id = newUuidV7();
    auto bad = engine->submit(QStringLiteral("segment.save"),
                              {{QStringLiteral("id"), id},
                               {QStringLiteral("name"), QStringLiteral("Broken")},
                               {QStringLiteral("definition"), group("all", {rule("shoeSize", "equals", 1)})}});
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(bad.message().contains(QStringLiteral("shoeSize"))) << bad.message().toStdString();

    const QJsonObject lyon = group("all", {rule("city", "equals", QStringLiteral("Lyon"))});
    auto saved = engine->submit(QStringLiteral("segment.save"),
                                {{QStringLiteral("id"), id}, {QStringLiteral("name"), QStringLiteral("Lyon")},
                                 {QStringLiteral("definition"), lyon}});
    ASSERT_TRUE(saved.ok()) << saved.message().toStdString();
    QSqlDatabase conn = t.db->connection();
    auto list = Segments::list(conn);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1);
    EXPECT_EQ(list->first().definition, lyon);

    // Through the row codec into another profile, and back.
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("segment"));
    ASSERT_TRUE(codec);
    auto row = codec->read(conn, id);
    ASSERT_TRUE(row.ok() && row->has_value());
    TestDatabase other;
    QSqlDatabase otherConn = other.db->connection();
    ASSERT_TRUE(codec->write(otherConn, id, row->value()).ok());
    EXPECT_EQ(codec->read(otherConn, id)->value(), row->value());

    // Exported: only its contacts.
    ContactExporter::Options o;
    o.segment = SegmentFilter::compile(lyon, kNow).value();
    const QString path = t.dir.filePath(QStringLiteral("lyon.csv"));
    auto written = ContactExporter(*t.db).exportFile(path, o);
    ASSERT_TRUE(written.ok()) << written.message().toStdString();
    EXPECT_EQ(written.value(), 2);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    EXPECT_TRUE(csv.contains("Okafor"));
    EXPECT_FALSE(csv.contains("Young"));

    ASSERT_TRUE(engine->submit(QStringLiteral("segment.delete"), {{QStringLiteral("id"), id}}).ok());
    EXPECT_TRUE(Segments::list(conn)->isEmpty());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'segment'")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 2);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), audit + 2); // the refused save wrote nothing
}

} // namespace
