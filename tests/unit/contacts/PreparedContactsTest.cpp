#include "contacts/ContactMutators.h"
#include "contacts/LabelledValues.h"
#include "customfields/CustomField.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

// contact.createMany given its members prepared on another thread (PreparedNewContacts, as an import's reader
// makes them) must write exactly what it writes from its arguments alone.
class PreparedContactsTest : public ::testing::Test
{
protected:
    struct Side
    {
        test::TestDatabase t;
        ManualClock clock;
        std::unique_ptr<MutationEngine> engine;
    };

    void SetUp() override
    {
        for (Side* s : {&plain, &prepared}) {
            ASSERT_TRUE(s->t.db);
            s->engine = std::make_unique<MutationEngine>(*s->t.db, MutationRegistry::standard(), s->clock);
            ASSERT_TRUE(s->engine->initialize().ok());
        }
    }

    static QJsonObject member(const QString& id, const QJsonObject& fields)
    {
        return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}};
    }

    // Submits `members` as one contact.createMany in a batch, with `given` as its prepared members if any.
    static Result<Mutation> submit(Side& side, const QJsonArray& members, const PreparedNewContacts* given)
    {
        auto batch = side.engine->beginBatch();
        if (!batch)
            return batch.error();
        const QJsonObject args{{QStringLiteral("contacts"), members}};
        const QByteArray text = QJsonDocument(args).toJson(QJsonDocument::Compact);
        auto m = batch.value()->submit(QStringLiteral("contact.createMany"), args, text, given);
        if (!m)
            return m;
        if (Status s = batch.value()->commit(); !s)
            return s.error();
        return m;
    }

    static PreparedNewContacts prepare(const QJsonArray& members)
    {
        PreparedNewContacts out;
        for (const QJsonValue& v : members) {
            const QJsonObject o = v.toObject();
            // With the fields' text, as the importer's reader gives it (the audit's `after` reuses it when reading
            // changes no value).
            const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
            auto n = prepareNewContact(o.value(QStringLiteral("id")).toString(), fields,
                                       QJsonDocument(fields).toJson(QJsonDocument::Compact));
            EXPECT_TRUE(n.has_value()) << QJsonDocument(o).toJson().toStdString();
            if (n)
                out.members.append(std::move(*n));
        }
        return out;
    }

    // Every stored column of every row of `sql`, in order, as text.
    static QStringList dump(Side& side, const QString& sql)
    {
        QSqlQuery q(side.t.db->connection());
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        QStringList rows;
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << (q.value(i).isNull() ? QStringLiteral("<null>") : q.value(i).toString());
            rows << values.join(QLatin1Char('|'));
        }
        return rows;
    }

    // What the two databases hold of the contacts and of their bookkeeping (the device and the hash chain differ
    // between two databases; everything a mutator writes does not).
    void expectTheSame()
    {
        const QStringList contacts = dump(plain, QStringLiteral("SELECT * FROM contacts ORDER BY id"));
        EXPECT_EQ(contacts, dump(prepared, QStringLiteral("SELECT * FROM contacts ORDER BY id")));
        const QString audit = QStringLiteral("SELECT entity, entity_id, action, before, after FROM audit_log ORDER BY seq");
        EXPECT_EQ(dump(plain, audit), dump(prepared, audit));
        const QString outbox = QStringLiteral("SELECT name, version, args, touched FROM outbox ORDER BY seq");
        EXPECT_EQ(dump(plain, outbox), dump(prepared, outbox));
        const QString search = QStringLiteral("SELECT docid FROM contacts_fts WHERE contacts_fts MATCH 'okafor OR 7700*' "
                                              "ORDER BY docid");
        EXPECT_EQ(dump(plain, search), dump(prepared, search));
        EXPECT_FALSE(contacts.isEmpty());
    }

    Side plain;
    Side prepared;
};

TEST_F(PreparedContactsTest, CreateManyWritesTheSameWithTheReadersPreparedMembersAsWithoutAndReplaysTheSame)
{
    const QString awkward = QStringLiteral("  Quote \" back\\slash\ttab \u00e9\u4e2d \U0001F600 end ");
    const QString emails = LabelledValues::toJson(QList<LabelledValue>{{QStringLiteral("work"), QStringLiteral(" n.okafor@globex.example ")},
                                                                       {QStringLiteral("home"), QString()}});
    const QString phones = LabelledValues::toJson(QList<LabelledValue>{{QStringLiteral("mobile"), QStringLiteral("+44 7700 900123")}});
    QJsonArray members{
        member(newUuidV7(), {{QStringLiteral("firstName"), QStringLiteral(" Ngozi ")},
                             {QStringLiteral("lastName"), QStringLiteral("Okafor")},
                             {QStringLiteral("email"), QStringLiteral("Ngozi@Okafor.example")},
                             {QStringLiteral("phone"), QStringLiteral("(0161) 496-0000")},
                             {QStringLiteral("otherEmails"), emails},
                             {QStringLiteral("otherPhones"), phones},
                             {QStringLiteral("tags"), QStringLiteral("vip, lead,  vip ")},
                             {QStringLiteral("city"), QString()},
                             {QStringLiteral("notes"), QStringLiteral("line one\r\nline two")}}),
        member(newUuidV7(), {{QStringLiteral("company"), awkward}, {QStringLiteral("country"), QStringLiteral("GB")}}),
        member(newUuidV7(), {{QStringLiteral("email"), QStringLiteral("only@mail.example")}}),
    };
    for (int i = 0; i < 50; ++i)
        members.append(member(newUuidV7(), {{QStringLiteral("firstName"), QStringLiteral("P%1").arg(i)},
                                            {QStringLiteral("lastName"), QStringLiteral("Okafor")},
                                            {QStringLiteral("phone"), QStringLiteral("+44 7700 9%1").arg(i, 5, 10, QLatin1Char('0'))}}));
    const PreparedNewContacts given = prepare(members);
    ASSERT_EQ(given.members.size(), members.size());

    // They are used, not read again: a member's row values changed after it was prepared are what is written. (So
    // the comparisons below compare the prepared path with the plain one.) Members prepared from other fields
    // than the arguments' are not used.
    {
        Side side;
        ASSERT_TRUE(side.t.db);
        side.engine = std::make_unique<MutationEngine>(*side.t.db, MutationRegistry::standard(), side.clock);
        ASSERT_TRUE(side.engine->initialize().ok());
        PreparedNewContacts tampered = given;
        for (NewContact& n : tampered.members)
            n.rowValues[2] = QStringLiteral("Prepared"); // last_name (after the id and first_name)
        ASSERT_TRUE(submit(side, members, &tampered).ok());
        EXPECT_EQ(dump(side, QStringLiteral("SELECT DISTINCT last_name FROM contacts")), QStringList{QStringLiteral("Prepared")});

        Side other;
        ASSERT_TRUE(other.t.db);
        other.engine = std::make_unique<MutationEngine>(*other.t.db, MutationRegistry::standard(), other.clock);
        ASSERT_TRUE(other.engine->initialize().ok());
        PreparedNewContacts fromOtherFields;
        for (const NewContact& n : given.members)
            fromOtherFields.members << *prepareNewContact(n.contact.id, {{QStringLiteral("lastName"), QStringLiteral("Other")}});
        ASSERT_TRUE(submit(other, members, &fromOtherFields).ok());
        EXPECT_EQ(dump(other, QStringLiteral("SELECT count(*) FROM contacts WHERE last_name = 'Other'")),
                  QStringList{QStringLiteral("0")});
    }

    auto a = submit(plain, members, nullptr);
    ASSERT_TRUE(a.ok()) << a.message().toStdString();
    auto b = submit(prepared, members, &given);
    ASSERT_TRUE(b.ok()) << b.message().toStdString();
    expectTheSame();

    // A replay of the chunk (its contacts exist now) is read from the arguments: it sets the fields again,
    // which changes nothing, on both sides.
    plain.clock.advance(1000);
    prepared.clock.advance(1000);
    ASSERT_TRUE(submit(plain, members, nullptr).ok());
    ASSERT_TRUE(submit(prepared, members, &given).ok());
    expectTheSame();
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM audit_log")), QStringList{QString::number(members.size())});

    // Prepared members that do not match the arguments (another id, one member short) are not used.
    QJsonArray more{member(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("Okafor")}}),
                    member(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("Adeyemi")}})};
    PreparedNewContacts other = prepare(more);
    ASSERT_EQ(other.members.size(), 2);
    other.members[0] = *prepareNewContact(newUuidV7(), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Wrong")}});
    ASSERT_TRUE(submit(plain, more, nullptr).ok());
    ASSERT_TRUE(submit(prepared, more, &other).ok());
    expectTheSame();
    PreparedNewContacts shorter = prepare(QJsonArray{more.at(0)});
    QJsonArray last{member(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("Eze")}}),
                    member(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("Obi")}})};
    ASSERT_TRUE(submit(plain, last, nullptr).ok());
    ASSERT_TRUE(submit(prepared, last, &shorter).ok());
    expectTheSame();
}

TEST_F(PreparedContactsTest, AMemberContactCreateWouldRefuseOrThatSetsCustomValuesIsNotPrepared)
{
    const QString id = newUuidV7();
    const QJsonObject good{{QStringLiteral("lastName"), QStringLiteral("Okafor")}};
    EXPECT_TRUE(prepareNewContact(id, good).has_value());
    EXPECT_FALSE(prepareNewContact(QStringLiteral("not-a-uuid"), good).has_value());
    EXPECT_FALSE(prepareNewContact(id, {{QStringLiteral("email"), QStringLiteral("not an address")}}).has_value());
    EXPECT_FALSE(prepareNewContact(id, {{QStringLiteral("city"), QStringLiteral("Lagos")}}).has_value()); // no name
    EXPECT_FALSE(prepareNewContact(id, {{QStringLiteral("lastName"), QStringLiteral("Okafor")},
                                        {QStringLiteral("country"), QStringLiteral("ng")}})
                     .has_value());
    EXPECT_FALSE(prepareNewContact(id, {{QStringLiteral("lastName"), QStringLiteral("Okafor")},
                                        {QStringLiteral("shoeSize"), QStringLiteral("9")}})
                     .has_value());
    EXPECT_FALSE(prepareNewContact(id, {{QStringLiteral("lastName"), QStringLiteral("Okafor")},
                                        {CustomField::kPrefix + QStringLiteral("region"), QStringLiteral("North")}})
                     .has_value());

    // What the database decides is still decided by the mutator: a company link to no company refuses the
    // chunk, prepared or not, and names the member.
    const QJsonObject linked{{QStringLiteral("lastName"), QStringLiteral("Okafor")},
                             {QStringLiteral("companyId"), newUuidV7()}};
    auto n = prepareNewContact(id, linked);
    ASSERT_TRUE(n.has_value());
    PreparedNewContacts given;
    given.members << *n;
    auto m = submit(prepared, QJsonArray{member(id, linked)}, &given);
    ASSERT_FALSE(m.ok());
    auto without = submit(plain, QJsonArray{member(id, linked)}, nullptr);
    ASSERT_FALSE(without.ok());
    EXPECT_EQ(m.code(), ErrorCode::NotFound);
    EXPECT_EQ(m.code(), without.code());
    EXPECT_EQ(m.message(), without.message());
    EXPECT_TRUE(m.message().startsWith(QStringLiteral("Contact 1 of 1:"))) << m.message().toStdString();
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM contacts")), QStringList{QStringLiteral("0")});

    // Prepared members with an id given twice are not used: the arguments say why the chunk is refused.
    const QJsonObject named{{QStringLiteral("lastName"), QStringLiteral("Okafor")}};
    PreparedNewContacts twice;
    twice.members << *prepareNewContact(id, named) << *prepareNewContact(id, named);
    const QJsonArray doubled{member(id, named), member(id, named)};
    auto refused = submit(prepared, doubled, &twice);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.message(), submit(plain, doubled, nullptr).message());
}

// A chunk longer than one IN list (kValuesPerInList) whose only contacts there already sit in its second list is
// read from the arguments (replayed) on both sides alike.
TEST_F(PreparedContactsTest, AChunkWithSomeContactsThereAlreadyIsReadFromItsArgumentsWhereverTheyAre)
{
    QJsonArray members;
    for (int i = 0; i < 700; ++i)
        members.append(member(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("N%1").arg(i)}}));
    const QJsonArray existing{members.at(650), members.at(690)};
    for (Side* side : {&plain, &prepared})
        ASSERT_TRUE(submit(*side, existing, nullptr).ok());
    // The existing ones are changed by the chunk (another last name): a replay sets its fields again.
    QJsonArray changed = members;
    changed[650] = member(members.at(650).toObject().value(QStringLiteral("id")).toString(),
                          {{QStringLiteral("lastName"), QStringLiteral("Renamed")}});
    const PreparedNewContacts given = prepare(changed);
    plain.clock.advance(1000);
    prepared.clock.advance(1000);
    ASSERT_TRUE(submit(plain, changed, nullptr).ok());
    auto m = submit(prepared, changed, &given);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    expectTheSame();
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM contacts WHERE last_name = 'Renamed'")),
              QStringList{QStringLiteral("1")});
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM contacts")), QStringList{QStringLiteral("700")});
}

// contact.deleteMany reads its contacts, their custom values and their shares in lists: what it writes equals what
// contact.delete writes for each (two databases, the same contacts, shares and custom values).
TEST_F(PreparedContactsTest, DeleteManyWritesWhatADeleteOfEachWrites)
{
    QStringList ids;
    for (Side* side : {&plain, &prepared}) {
        auto define = side->engine->submit(QStringLiteral("customfield.define"),
                                           {{QStringLiteral("id"), QStringLiteral("01890000-0000-7000-8000-000000000001")},
                                            {QStringLiteral("entity"), QStringLiteral("contact")},
                                            {QStringLiteral("key"), QStringLiteral("tier")},
                                            {QStringLiteral("label"), QStringLiteral("Tier")},
                                            {QStringLiteral("type"), QStringLiteral("text")}});
        ASSERT_TRUE(define.ok()) << define.message().toStdString();
    }
    for (int i = 0; i < 6; ++i)
        ids << QStringLiteral("01890000-0000-7000-8000-0000000001%1").arg(i, 2, 10, QLatin1Char('0'));
    for (Side* side : {&plain, &prepared}) {
        for (int i = 0; i < ids.size(); ++i) {
            QJsonObject fields{{QStringLiteral("lastName"), QStringLiteral("D%1").arg(i)}};
            if (i % 2 == 0)
                fields.insert(QStringLiteral("custom.tier"), QStringLiteral("T%1").arg(i));
            ASSERT_TRUE(side->engine->submit(QStringLiteral("contact.create"), member(ids.at(i), fields)).ok());
            for (int u = 0; u < i % 3; ++u) { // 0, 1 or 2 shares, with users out of order
                const QJsonObject share{{QStringLiteral("id"), QStringLiteral("01890000-0000-7000-8000-0000000002%1%2").arg(i).arg(u)},
                                        {QStringLiteral("contactId"), ids.at(i)},
                                        {QStringLiteral("userId"), QStringLiteral("user-%1").arg(9 - u)}};
                auto s = side->engine->submit(QStringLiteral("contact.share"), share);
                ASSERT_TRUE(s.ok()) << s.message().toStdString();
            }
        }
    }
    const QString missing = QStringLiteral("01890000-0000-7000-8000-000000000999");
    for (const QString& id : QStringList{ids.at(4), missing, ids.at(1), ids.at(5), ids.at(0), ids.at(2), ids.at(3)})
        ASSERT_TRUE(plain.engine->submit(QStringLiteral("contact.delete"), {{QStringLiteral("id"), id}}).ok());
    auto many = prepared.engine->submit(
        QStringLiteral("contact.deleteMany"),
        {{QStringLiteral("ids"), QJsonArray{ids.at(4), missing, ids.at(1), ids.at(5), ids.at(4), ids.at(0), ids.at(2), ids.at(3)}}});
    ASSERT_TRUE(many.ok()) << many.message().toStdString();
    const QString audit = QStringLiteral("SELECT entity, entity_id, action, before, after FROM audit_log ORDER BY seq");
    EXPECT_EQ(dump(plain, audit), dump(prepared, audit));
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM contacts")), QStringList{QStringLiteral("0")});
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM contact_shares")), QStringList{QStringLiteral("0")});
    EXPECT_EQ(dump(prepared, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'delete' AND before LIKE "
                                           "'%custom.tier%'")),
              QStringList{QStringLiteral("3")});
}

} // namespace
