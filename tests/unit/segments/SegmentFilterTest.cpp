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

#include <QDate>
#include <QFile>
#include <QSqlError>
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
    // A related table plugs in as a SELECT of contact ids; a column expression as it is.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE contact_badges(contact_id TEXT, badge TEXT)")));
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO contact_badges VALUES('%1', 'gold'), ('%2', 'gold'), ('%2', 'press')")
                           .arg(ids.value(QStringLiteral("Anna")), ids.value(QStringLiteral("David")))));
    SegmentFields fields = SegmentFields::standard();
    fields.add({QStringLiteral("badges"), QStringLiteral("Badges"), SegmentField::Type::Set, QStringLiteral("badge"),
                QStringLiteral("SELECT contact_id FROM contact_badges WHERE 1"), {}, {}, false});
    fields.add({QStringLiteral("nameLength"), QStringLiteral("Name length"), SegmentField::Type::Number,
                QStringLiteral("length(last_name)"), {}, {}, {}, false});
    EXPECT_EQ(count(group("all", {rule("badges", "has", QStringLiteral("gold"))}), fields), 2);
    EXPECT_EQ(count(group("all", {rule("badges", "hasNot", QStringLiteral("press")), rule("badges", "has", QStringLiteral("gold"))}), fields), 1);
    EXPECT_EQ(count(group("all", {rule("nameLength", "greaterThan", 5)}), fields), 2); // Okafor, Lindqvist
}

TEST_F(SegmentFilterTest, TagsMatchWholeTagsCaseInsensitively)
{
    auto tag = [&](const char* who, const char* tags) {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                {{QStringLiteral("id"), ids.value(QString::fromUtf8(who))},
                                 {QStringLiteral("set"), QJsonObject{{QStringLiteral("tags"), QString::fromUtf8(tags)}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    tag("Anna", "vip,Key Account");
    tag("Ben", "vip-light");
    tag("David", "key,account");
    EXPECT_EQ(count(group("all", {rule("tags", "has", QStringLiteral("VIP"))})), 1);           // not "vip-light"
    EXPECT_EQ(count(group("all", {rule("tags", "has", QStringLiteral("key account"))})), 1);   // not "key" + "account"
    EXPECT_EQ(count(group("all", {rule("tags", "hasNot", QStringLiteral("vip"))})), 3);
    EXPECT_EQ(count(group("all", {rule("tags", "isEmpty")})), 1);                              // Clara
    EXPECT_EQ(count(group("all", {rule("tags", "isNotEmpty")})), 3);
    EXPECT_EQ(count(group("all", {rule("tags", "has", QStringLiteral("50%"))})), 0);            // no word to match
    auto sql = SegmentFilter::compile(group("all", {rule("tags", "has", QStringLiteral("vip"))}), kNow);
    ASSERT_TRUE(sql.ok());
    EXPECT_TRUE(sql->where.contains(QStringLiteral("contacts_fts MATCH ?"))) << sql->where.toStdString();
    EXPECT_FALSE(sql->where.contains(QStringLiteral("vip")));
}

TEST_F(SegmentFilterTest, CustomFieldsOfEveryTypeAreFields)
{
    auto define = [&](const char* key, const char* type, const QJsonArray& options = {}) {
        QJsonObject args{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), QStringLiteral("contact")},
                         {QStringLiteral("key"), QLatin1String(key)}, {QStringLiteral("label"), QLatin1String(key).toString().toUpper()},
                         {QStringLiteral("type"), QLatin1String(type)}};
        if (!options.isEmpty())
            args.insert(QStringLiteral("options"), options);
        auto m = engine->submit(QStringLiteral("customfield.define"), args);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    define("vat", "text");
    define("employees", "number");
    define("renewal", "date");
    define("tier", "choice", {QStringLiteral("Gold"), QStringLiteral("Silver")});
    define("interests", "multichoice", {QStringLiteral("Skin"), QStringLiteral("Hair"), QStringLiteral("Hair care")});
    auto set = [&](const char* who, const QJsonObject& values) {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                {{QStringLiteral("id"), ids.value(QString::fromUtf8(who))}, {QStringLiteral("set"), values}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    set("Anna", {{QStringLiteral("custom.vat"), QStringLiteral("FR123")}, {QStringLiteral("custom.employees"), 12},
                 {QStringLiteral("custom.renewal"), QStringLiteral("2025-10-01")}, {QStringLiteral("custom.tier"), QStringLiteral("Gold")},
                 {QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Skin"), QStringLiteral("Hair care")}}});
    set("Ben", {{QStringLiteral("custom.employees"), 2.5}, {QStringLiteral("custom.tier"), QStringLiteral("Silver")},
                {QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Hair")}}});

    QSqlDatabase conn = t.db->connection();
    auto fields = SegmentFields::forDatabase(conn);
    ASSERT_TRUE(fields.ok()) << fields.message().toStdString();
    ASSERT_TRUE(fields->find(QStringLiteral("custom.tier")));
    EXPECT_EQ(fields->find(QStringLiteral("custom.tier"))->choices, (QStringList{QStringLiteral("Gold"), QStringLiteral("Silver")}));
    EXPECT_EQ(fields->find(QStringLiteral("custom.interests"))->type, SegmentField::Type::MultiChoice);
    auto n = [&](const QJsonObject& r) { return count(group("all", {r}), fields.value()); };
    // Text
    EXPECT_EQ(n(rule("custom.vat", "equals", QStringLiteral("fr123"))), 1);
    EXPECT_EQ(n(rule("custom.vat", "startsWith", QStringLiteral("FR"))), 1);
    EXPECT_EQ(n(rule("custom.vat", "isEmpty")), 3); // no value counts as empty
    EXPECT_EQ(n(rule("custom.vat", "notEquals", QStringLiteral("FR123"))), 3);
    // Number (a decimal too)
    EXPECT_EQ(n(rule("custom.employees", "greaterThan", 2)), 2);
    EXPECT_EQ(n(rule("custom.employees", "lessThan", 2.6)), 1);
    EXPECT_EQ(n(rule("custom.employees", "between", QJsonArray{10, 20})), 1);
    EXPECT_EQ(n(rule("custom.employees", "notEquals", 12)), 3);
    // Date: stored as the day's UTC midnight
    const double renewal = double(QDate(2025, 10, 1).startOfDay(Qt::UTC).toMSecsSinceEpoch());
    EXPECT_EQ(n(rule("custom.renewal", "after", renewal - 1)), 1);
    EXPECT_EQ(n(rule("custom.renewal", "before", renewal)), 0);
    // Choice: exact
    EXPECT_EQ(n(rule("custom.tier", "equals", QStringLiteral("Gold"))), 1);
    EXPECT_EQ(n(rule("custom.tier", "in", QJsonArray{QStringLiteral("Gold"), QStringLiteral("Silver")})), 2);
    EXPECT_EQ(n(rule("custom.tier", "notIn", QJsonArray{QStringLiteral("Gold")})), 3);
    EXPECT_EQ(n(rule("custom.tier", "isNotEmpty")), 2);
    // Multi choice: a whole choice, not a part of another
    EXPECT_EQ(n(rule("custom.interests", "has", QStringLiteral("Hair"))), 1);      // Ben; Anna has "Hair care"
    EXPECT_EQ(n(rule("custom.interests", "has", QStringLiteral("Hair care"))), 1);
    EXPECT_EQ(n(rule("custom.interests", "hasNot", QStringLiteral("Skin"))), 3);
    EXPECT_EQ(n(rule("custom.interests", "isEmpty")), 2);
    // The field's key and the values are bound.
    auto sql = SegmentFilter::compile(group("all", {rule("custom.tier", "equals", QStringLiteral("Gold"))}), kNow, fields.value());
    ASSERT_TRUE(sql.ok());
    EXPECT_FALSE(sql->where.contains(QStringLiteral("tier")));
    EXPECT_FALSE(sql->where.contains(QStringLiteral("Gold")));
    EXPECT_EQ(sql->binds, (QVariantList{QStringLiteral("tier"), QStringLiteral("Gold")}));
    // A saved segment may use them.
    auto saved = engine->submit(QStringLiteral("segment.save"),
                                {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("name"), QStringLiteral("Gold")},
                                 {QStringLiteral("definition"), group("all", {rule("custom.tier", "equals", QStringLiteral("Gold"))})}});
    EXPECT_TRUE(saved.ok()) << saved.message().toStdString();
}

TEST_F(SegmentFilterTest, LeadScoreOwnerLinkedCompanyAndDates)
{
    // The best score among a contact's leads. (Scores are derived data: written here as the scorer would.)
    QSqlQuery q(t.db->connection());
    auto lead = [&](const char* who, int score) {
        const QString id = newUuidV7();
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO leads(id, last_name, contact_id, created_at, updated_at, updated_by) "
                                          "VALUES('%1', 'x', '%2', 0, 0, 'u')").arg(id, ids.value(QString::fromUtf8(who)))))
            << q.lastError().text().toStdString();
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO lead_scores VALUES('%1', %2, 'new', 'new', 0, '[]', 0)").arg(id).arg(score)))
            << q.lastError().text().toStdString();
    };
    lead("Anna", 80);
    lead("Anna", 10);
    lead("Ben", 30);
    EXPECT_EQ(count(group("all", {rule("leadScore", "greaterThan", 50)})), 1);
    EXPECT_EQ(count(group("all", {rule("leadScore", "between", QJsonArray{20, 40})})), 1);
    EXPECT_EQ(count(group("all", {rule("leadScore", "notEquals", 30)})), 3); // no lead: no score of 30

    EXPECT_EQ(count(group("all", {rule("owner", "equals", QStringLiteral("ana"))})), 2);
    EXPECT_EQ(count(group("all", {rule("owner", "notIn", QJsonArray{QStringLiteral("ana"), QStringLiteral("ben")})})), 1);

    const QString company = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("company.create"),
                               {{QStringLiteral("id"), company}, {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme")}}}})
                    .ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               {{QStringLiteral("id"), ids.value(QStringLiteral("Clara"))},
                                {QStringLiteral("set"), QJsonObject{{QStringLiteral("companyId"), company}}}})
                    .ok());
    EXPECT_EQ(count(group("all", {rule("linkedCompany", "equals", company)})), 1);
    EXPECT_EQ(count(group("all", {rule("linkedCompany", "isEmpty")})), 3); // NULL when none
    // Contacts with no linked company are not linked to Acme either.
    EXPECT_EQ(count(group("all", {rule("linkedCompany", "notEquals", company)})), 3);
    EXPECT_EQ(count(group("all", {rule("linkedCompany", "notIn", QJsonArray{company})})), 3);

    // Clara was changed just now, David created a day ago, the others 41 days ago.
    EXPECT_EQ(count(group("all", {rule("updatedAt", "withinLastDays", 0)})), 1);
    EXPECT_EQ(count(group("all", {rule("updatedAt", "withinLastDays", 1)})), 2);
    EXPECT_EQ(count(group("all", {rule("createdAt", "between", QJsonArray{double(kNow - 1), double(kNow + 1)})})), 3);
}

TEST_F(SegmentFilterTest, CommonRulesUseAnIndexNotATableScan)
{
    QSqlDatabase conn = t.db->connection();
    auto plan = [&](const QJsonObject& filter) {
        auto sql = SegmentFilter::compile(filter, kNow);
        EXPECT_TRUE(sql.ok());
        QSqlQuery p(conn);
        p.prepare(QStringLiteral("EXPLAIN QUERY PLAN SELECT count(*) FROM contacts WHERE ") + sql->where);
        for (const QVariant& b : sql->binds)
            p.addBindValue(b);
        EXPECT_TRUE(p.exec()) << p.lastError().text().toStdString();
        QString all;
        while (p.next())
            all += p.value(3).toString() + QLatin1Char('\n');
        return all;
    };
    // A scan of the table, or of a whole covering index of it.
    const auto scansContacts = [](const QString& steps) {
        return steps.contains(QStringLiteral("SCAN TABLE contacts\n")) || steps.contains(QStringLiteral("SCAN TABLE contacts USING"));
    };
    // A search in the index instead.
    const auto usesIndex = [&](const QString& steps, const char* index) {
        return steps.contains(QStringLiteral("SEARCH TABLE contacts USING")) && steps.contains(QLatin1String(index))
               && !scansContacts(steps);
    };
    QString p = plan(group("all", {rule("city", "equals", QStringLiteral("Lyon"))}));
    EXPECT_TRUE(usesIndex(p, "contacts_city")) << p.toStdString();
    p = plan(group("all", {rule("country", "in", QJsonArray{QStringLiteral("DE"), QStringLiteral("AT")}),
                           rule("createdAt", "withinLastDays", 365)}));
    EXPECT_TRUE(usesIndex(p, "contacts_country_created")) << p.toStdString();
    p = plan(group("all", {rule("owner", "equals", QStringLiteral("ana"))}));
    EXPECT_TRUE(usesIndex(p, "contacts_owner")) << p.toStdString();
    p = plan(group("all", {rule("company", "startsWith", QStringLiteral("Acme"))}));
    EXPECT_TRUE(usesIndex(p, "contacts_company_name")) << p.toStdString();
    p = plan(group("all", {rule("company", "startsWith", QStringLiteral("Müller"))}));
    EXPECT_TRUE(usesIndex(p, "contacts_company_name")) << p.toStdString();
    p = plan(group("all", {rule("tags", "has", QStringLiteral("vip"))}));
    EXPECT_FALSE(scansContacts(p)) << p.toStdString();
    p = plan(group("all", {rule("createdAt", "withinLastDays", 30)})); // no index on times alone: a scan
    EXPECT_TRUE(scansContacts(p)) << p.toStdString();
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
