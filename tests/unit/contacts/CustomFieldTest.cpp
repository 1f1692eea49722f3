#include "customfields/CustomField.h"
#include "mutations/MutationEngine.h"
#include "replication/RowCodec.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

qint64 countOf(QSqlDatabase db, const QString& table)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toLongLong();
}

class CustomFieldTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    QString define(const QJsonObject& def)
    {
        QJsonObject args = def;
        const QString id = newUuidV7();
        args.insert(QStringLiteral("id"), id);
        auto m = engine->submit(QStringLiteral("customfield.define"), args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    void defineStandardFields()
    {
        define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("employees")},
                {QStringLiteral("label"), QStringLiteral("Employees")}, {QStringLiteral("type"), QStringLiteral("number")},
                {QStringLiteral("rules"), QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 100000}}}});
        define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("birthday")},
                {QStringLiteral("label"), QStringLiteral("Birthday")}, {QStringLiteral("type"), QStringLiteral("date")}});
        define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("tier")},
                {QStringLiteral("label"), QStringLiteral("Tier")}, {QStringLiteral("type"), QStringLiteral("choice")},
                {QStringLiteral("options"), QJsonArray{QStringLiteral("Gold"), QStringLiteral("Silver")}}});
        define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("interests")},
                {QStringLiteral("label"), QStringLiteral("Interests")}, {QStringLiteral("type"), QStringLiteral("multichoice")},
                {QStringLiteral("options"), QJsonArray{QStringLiteral("Skin"), QStringLiteral("Hair"), QStringLiteral("Nutrition")}}});
        define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("vat")},
                {QStringLiteral("label"), QStringLiteral("VAT number")}, {QStringLiteral("type"), QStringLiteral("text")},
                {QStringLiteral("rules"), QJsonObject{{QStringLiteral("regex"), QStringLiteral("[A-Z]{2}[0-9A-Z]{2,12}")}}}});
    }

    QString addContact()
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Okafor")}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    Result<Mutation> setCustom(const QString& id, const QJsonObject& set)
    {
        return engine->submit(QStringLiteral("contact.update"),
                              QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

TEST_F(CustomFieldTest, ValuesOfEveryTypeAreStoredForWhereClauses)
{
    defineStandardFields();
    const QString id = addContact();
    auto m = setCustom(id, {{QStringLiteral("custom.employees"), 250},
                            {QStringLiteral("custom.birthday"), QStringLiteral("1990-04-12")},
                            {QStringLiteral("custom.tier"), QStringLiteral("Gold")},
                            {QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Nutrition"), QStringLiteral("Skin")}},
                            {QStringLiteral("custom.vat"), QStringLiteral("DE123456789")}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();

    QSqlDatabase conn = t.db->connection();
    auto values = CustomFields::valuesOf(conn, id);
    ASSERT_TRUE(values.ok());
    EXPECT_EQ(values->value(QStringLiteral("custom.employees")).toDouble(), 250);
    EXPECT_EQ(values->value(QStringLiteral("custom.birthday")).toString(), QStringLiteral("1990-04-12"));
    // Multiple choices are kept in the order of the options.
    EXPECT_EQ(values->value(QStringLiteral("custom.interests")).toArray(),
              (QJsonArray{QStringLiteral("Skin"), QStringLiteral("Nutrition")}));

    // A segment can ask with plain SQL.
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM custom_values WHERE entity = 'contact' AND field_key = "
                                      "'employees' AND value_num BETWEEN 100 AND 500")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT value_num FROM custom_values WHERE field_key = 'birthday'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 639878400000LL); // 1990-04-12T00:00Z
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM custom_values WHERE field_key = 'interests' AND "
                                      "value_text LIKE '%\"Skin\"%'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);

    // The audit entry names each value; clearing removes the row.
    ASSERT_TRUE(setCustom(id, {{QStringLiteral("custom.tier"), QJsonValue()}}).ok());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT before, after FROM audit_log ORDER BY seq DESC LIMIT 1")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral(R"({"custom.tier":"Gold"})"));
    EXPECT_EQ(q.value(1).toString(), QStringLiteral(R"({"custom.tier":null})"));
    EXPECT_EQ(countOf(conn, QStringLiteral("custom_values")), 4);

    // Deleting the contact deletes its values.
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}}).ok());
    EXPECT_EQ(countOf(conn, QStringLiteral("custom_values")), 0);
}

// Contact mutators give the engine the text of their before/after when it holds the contact's fields only; with
// custom values in the same change the engine writes the text of the whole objects. Either way the audit entry
// and the outbox's touched rows hold exactly the change, custom values included.
TEST_F(CustomFieldTest, AChangeOfFieldsAndCustomValuesIsAuditedAndQueuedWhole)
{
    defineStandardFields();
    const QString id = addContact();
    ASSERT_TRUE(setCustom(id, {{QStringLiteral("firstName"), QStringLiteral("Ada")},
                               {QStringLiteral("custom.tier"), QStringLiteral("Gold")}})
                    .ok());
    ASSERT_TRUE(setCustom(id, {{QStringLiteral("firstName"), QStringLiteral("Adaeze")}}).ok()); // fields only
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}}).ok());

    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT before, after FROM audit_log WHERE entity = 'contact' ORDER BY seq")));
    auto next = [&q]() {
        EXPECT_TRUE(q.next());
        return std::pair{QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object(),
                         QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object()};
    };
    next(); // the create
    const auto [beforeMixed, afterMixed] = next();
    EXPECT_EQ(beforeMixed, (QJsonObject{{QStringLiteral("firstName"), QString()}, {QStringLiteral("custom.tier"), QJsonValue()}}));
    EXPECT_EQ(afterMixed, (QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ada")},
                                       {QStringLiteral("custom.tier"), QStringLiteral("Gold")}}));
    const auto [beforeFields, afterFields] = next();
    EXPECT_EQ(beforeFields, (QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ada")}}));
    EXPECT_EQ(afterFields, (QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Adaeze")}}));
    const auto [deleted, nothing] = next();
    EXPECT_TRUE(nothing.isEmpty());
    EXPECT_EQ(deleted.value(QStringLiteral("firstName")).toString(), QStringLiteral("Adaeze"));
    EXPECT_EQ(deleted.value(QStringLiteral("lastName")).toString(), QStringLiteral("Okafor"));
    EXPECT_EQ(deleted.value(QStringLiteral("custom.tier")).toString(), QStringLiteral("Gold"));

    // The outbox's touched rows carry the same `before` as the audit.
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT touched FROM outbox WHERE name IN ('contact.update', 'contact.delete') "
                                      "ORDER BY seq")));
    for (const QJsonObject& expected : {beforeMixed, beforeFields, deleted}) {
        ASSERT_TRUE(q.next());
        const QJsonArray touched = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
        ASSERT_EQ(touched.size(), 1);
        EXPECT_EQ(touched.at(0).toObject().value(QStringLiteral("before")).toObject(), expected);
    }
}

TEST_F(CustomFieldTest, InvalidValuesAreRefusedNamingTheFieldAndWriteNothing)
{
    defineStandardFields();
    const QString id = addContact();
    QSqlDatabase conn = t.db->connection();
    const qint64 audit = countOf(conn, QStringLiteral("audit_log"));
    struct Case
    {
        QJsonObject set;
        QString mentions;
    };
    const QList<Case> cases = {
        {{{QStringLiteral("custom.employees"), 0}}, QStringLiteral("Employees")},
        {{{QStringLiteral("custom.employees"), QStringLiteral("many")}}, QStringLiteral("Employees")},
        {{{QStringLiteral("custom.birthday"), QStringLiteral("12.04.1990")}}, QStringLiteral("Birthday")},
        {{{QStringLiteral("custom.tier"), QStringLiteral("Platinum")}}, QStringLiteral("Platinum")},
        {{{QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Cars")}}}, QStringLiteral("Interests")},
        {{{QStringLiteral("custom.vat"), QStringLiteral("123")}}, QStringLiteral("VAT number")},
        {{{QStringLiteral("custom.shoe_size"), 42}}, QStringLiteral("shoe_size")},
        // A valid change next to an invalid one: nothing of either is written.
        {{{QStringLiteral("lastName"), QStringLiteral("Changed")}, {QStringLiteral("custom.tier"), QStringLiteral("Bronze")}},
         QStringLiteral("Tier")},
    };
    for (const Case& c : cases) {
        auto m = setCustom(id, c.set);
        ASSERT_FALSE(m.ok()) << QJsonDocument(c.set).toJson().toStdString();
        EXPECT_EQ(m.code(), ErrorCode::InvalidArgument);
        EXPECT_TRUE(m.message().contains(c.mentions)) << m.message().toStdString();
    }
    EXPECT_EQ(countOf(conn, QStringLiteral("custom_values")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), audit);
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT last_name FROM contacts")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("Okafor"));
}

TEST_F(CustomFieldTest, RequiredFieldsAndRetiredFields)
{
    const QString fieldId = define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("region")},
                                    {QStringLiteral("label"), QStringLiteral("Region")}, {QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("required"), true}});
    // A contact created with custom values must give the required ones; one without custom values (an
    // import, a conversion) may be created.
    const QString id = newUuidV7();
    auto missing = engine->submit(QStringLiteral("contact.create"),
                                  QJsonObject{{QStringLiteral("id"), id},
                                              {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Ito")},
                                                                                     {QStringLiteral("custom.region"), QString()}}}});
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.message().contains(QStringLiteral("Region")));
    const QString plain = addContact();
    auto clear = setCustom(plain, {{QStringLiteral("custom.region"), QString()}});
    ASSERT_FALSE(clear.ok());
    EXPECT_TRUE(clear.message().contains(QStringLiteral("required")));

    ASSERT_TRUE(setCustom(plain, {{QStringLiteral("custom.region"), QStringLiteral("North")}}).ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("customfield.retire"), QJsonObject{{QStringLiteral("id"), fieldId}}).ok());
    auto retired = setCustom(plain, {{QStringLiteral("custom.region"), QStringLiteral("South")}});
    ASSERT_FALSE(retired.ok());
    EXPECT_TRUE(retired.message().contains(QStringLiteral("retired")));
    // The value it already holds, sent again (an undo restoring the whole record), changes nothing: accepted.
    EXPECT_TRUE(setCustom(plain, {{QStringLiteral("custom.region"), QStringLiteral("North")}}).ok());
    // The value already stored stays readable.
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(CustomFields::valuesOf(conn, plain)->value(QStringLiteral("custom.region")).toString(), QStringLiteral("North"));
    auto defs = CustomFields::definitions(conn, QStringLiteral("contact"));
    ASSERT_TRUE(defs.ok());
    EXPECT_TRUE(defs->isEmpty());
}

TEST_F(CustomFieldTest, DefinitionsAreValidated)
{
    auto submit = [&](const QJsonObject& def) {
        QJsonObject args = def;
        args.insert(QStringLiteral("id"), newUuidV7());
        return engine->submit(QStringLiteral("customfield.define"), args);
    };
    const QJsonObject base{{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("size")},
                           {QStringLiteral("label"), QStringLiteral("Size")}, {QStringLiteral("type"), QStringLiteral("number")}};
    auto with = [&](const QString& k, const QJsonValue& v) {
        QJsonObject o = base;
        o.insert(k, v);
        return o;
    };
    EXPECT_FALSE(submit(with(QStringLiteral("entity"), QStringLiteral("deal"))).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("key"), QStringLiteral("Bad Key"))).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("type"), QStringLiteral("colour"))).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("label"), QString())).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("rules"), QJsonObject{{QStringLiteral("min"), 5}, {QStringLiteral("max"), 1}})).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("rules"), QJsonObject{{QStringLiteral("regex"), QStringLiteral("(")}})).ok());
    EXPECT_FALSE(submit(with(QStringLiteral("type"), QStringLiteral("choice"))).ok()) << "a choice needs choices";
    ASSERT_TRUE(submit(base).ok());
    auto dup = submit(base);
    ASSERT_FALSE(dup.ok());
    EXPECT_TRUE(dup.message().contains(QStringLiteral("size")));
    // The same key on companies is another field.
    EXPECT_TRUE(submit(with(QStringLiteral("entity"), QStringLiteral("company"))).ok());
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("custom_fields")), 2);
}

TEST_F(CustomFieldTest, UpdateChangesOnlyTheEditableParts)
{
    const QString fieldId = define({{QStringLiteral("entity"), QStringLiteral("company")}, {QStringLiteral("key"), QStringLiteral("segment")},
                                    {QStringLiteral("label"), QStringLiteral("Segment")}, {QStringLiteral("type"), QStringLiteral("choice")},
                                    {QStringLiteral("options"), QJsonArray{QStringLiteral("SMB")}}});
    auto update = [&](const QJsonObject& set) {
        return engine->submit(QStringLiteral("customfield.update"),
                              QJsonObject{{QStringLiteral("id"), fieldId}, {QStringLiteral("set"), set}});
    };
    ASSERT_TRUE(update({{QStringLiteral("label"), QStringLiteral("Market segment")},
                        {QStringLiteral("options"), QJsonArray{QStringLiteral("SMB"), QStringLiteral("Enterprise")}}})
                    .ok());
    EXPECT_FALSE(update({{QStringLiteral("type"), QStringLiteral("text")}}).ok());
    EXPECT_FALSE(update({{QStringLiteral("options"), QJsonArray{}}}).ok());
    QSqlDatabase conn = t.db->connection();
    auto f = CustomFields::find(conn, fieldId);
    ASSERT_TRUE(f.ok() && f->has_value());
    EXPECT_EQ(f->value().label, QStringLiteral("Market segment"));
    EXPECT_EQ(f->value().options, (QStringList{QStringLiteral("SMB"), QStringLiteral("Enterprise")}));

    // Company values use the same checks.
    const QString company = newUuidV7();
    auto bad = engine->submit(QStringLiteral("company.create"),
                              QJsonObject{{QStringLiteral("id"), company},
                                          {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Globex")},
                                                                                 {QStringLiteral("custom.segment"), QStringLiteral("Huge")}}}});
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.message().contains(QStringLiteral("Market segment")));
    ASSERT_TRUE(engine->submit(QStringLiteral("company.create"),
                               QJsonObject{{QStringLiteral("id"), company},
                                           {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Globex")},
                                                                                  {QStringLiteral("custom.segment"), QStringLiteral("Enterprise")}}}})
                    .ok());
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("company"));
    auto row = codec->read(conn, company);
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_EQ(row->value().value(QStringLiteral("custom.segment")).toString(), QStringLiteral("Enterprise"));
}

TEST_F(CustomFieldTest, SyncedRowsCarryTheValuesAndDefinitions)
{
    defineStandardFields();
    const QString id = addContact();
    ASSERT_TRUE(setCustom(id, {{QStringLiteral("custom.employees"), 12}, {QStringLiteral("custom.interests"), QJsonArray{QStringLiteral("Hair")}}}).ok());
    QSqlDatabase conn = t.db->connection();
    const RowCodec* contacts = RowCodecRegistry::standard().find(QStringLiteral("contact"));
    const RowCodec* fields = RowCodecRegistry::standard().find(QStringLiteral("customfield"));
    ASSERT_NE(fields, nullptr);
    auto row = contacts->read(conn, id);
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_EQ(row->value().value(QStringLiteral("custom.employees")).toDouble(), 12);

    // Another device receives the contact before the definitions (a definition edited later moves to the
    // end of the change log): the values land anyway.
    test::TestDatabase other;
    QSqlDatabase otherConn = other.db->connection();
    ASSERT_TRUE(contacts->write(otherConn, id, row->value()).ok());
    QSqlQuery defs(conn);
    ASSERT_TRUE(defs.exec(QStringLiteral("SELECT id FROM custom_fields")));
    while (defs.next()) {
        auto def = fields->read(conn, defs.value(0).toString());
        ASSERT_TRUE(def.ok() && def->has_value());
        ASSERT_TRUE(fields->write(otherConn, defs.value(0).toString(), def->value()).ok());
    }
    auto again = contacts->read(otherConn, id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->value(), row->value());
    EXPECT_EQ(countOf(otherConn, QStringLiteral("custom_fields")), 5);

    // A row without a value removes it.
    QJsonObject cleared = row->value();
    cleared.remove(QStringLiteral("custom.employees"));
    ASSERT_TRUE(contacts->write(otherConn, id, cleared).ok());
    EXPECT_EQ(CustomFields::valuesOf(otherConn, id)->size(), 1);
}

} // namespace
