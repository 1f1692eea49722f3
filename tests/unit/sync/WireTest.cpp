#include "protocol/Wire.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::wire;

namespace {
QString problemWith(const char* json)
{
    auto o = Codec::parseObject(QByteArray(json));
    if (!o)
        return o.message();
    auto r = Codec::pushRequestFromJson(o.value());
    return r ? QString() : r.message();
}
} // namespace

TEST(Wire, MalformedPushesAreRefusedNamingTheField)
{
    EXPECT_TRUE(problemWith("{not json").contains(QStringLiteral("not valid JSON")));
    EXPECT_TRUE(problemWith("[1,2]").contains(QStringLiteral("JSON object")));
    EXPECT_TRUE(problemWith("{\"mutations\":[]}").contains(QStringLiteral("\"deviceId\" is missing")));
    EXPECT_TRUE(problemWith("{\"deviceId\":5,\"mutations\":[]}").contains(QStringLiteral("\"deviceId\" must be text")));
    EXPECT_TRUE(problemWith("{\"deviceId\":\"d\",\"mutations\":{}}").contains(QStringLiteral("\"mutations\" must be a list")));
    const QString wrongType = problemWith(
        "{\"deviceId\":\"d\",\"mutations\":[{\"id\":\"m\",\"seq\":\"1\",\"name\":\"contact.create\",\"version\":1,"
        "\"args\":{},\"hlc\":\"h\",\"createdAt\":0}]}");
    EXPECT_TRUE(wrongType.contains(QStringLiteral("\"mutations[0].seq\" must be a whole number"))) << wrongType.toStdString();
    const QString fractional = problemWith(
        "{\"deviceId\":\"d\",\"mutations\":[{\"id\":\"m\",\"seq\":1.5,\"name\":\"n\",\"version\":1,\"args\":{},"
        "\"hlc\":\"h\",\"createdAt\":0}]}");
    EXPECT_TRUE(fractional.contains(QStringLiteral("mutations[0].seq"))) << fractional.toStdString();
    const QString unordered = problemWith(
        "{\"deviceId\":\"d\",\"mutations\":[{\"id\":\"m\",\"seq\":2,\"name\":\"n\",\"version\":1,\"args\":{},\"hlc\":\"h\","
        "\"createdAt\":0},{\"id\":\"m2\",\"seq\":2,\"name\":\"n\",\"version\":1,\"args\":{},\"hlc\":\"h\",\"createdAt\":0}]}");
    EXPECT_TRUE(unordered.contains(QStringLiteral("mutations[1].seq"))) << unordered.toStdString();
    const QString badTouched = problemWith(
        "{\"deviceId\":\"d\",\"mutations\":[{\"id\":\"m\",\"seq\":1,\"name\":\"n\",\"version\":1,\"args\":{},\"hlc\":\"h\","
        "\"createdAt\":0,\"touched\":[{\"entity\":\"contact\"}]}]}");
    EXPECT_TRUE(badTouched.contains(QStringLiteral("mutations[0].touched[0].id"))) << badTouched.toStdString();
}

TEST(Wire, PushAndPullRoundTrip)
{
    PushRequest req;
    req.deviceId = QStringLiteral("dev");
    Mutation m;
    m.id = QStringLiteral("m1");
    m.seq = 7;
    m.name = QStringLiteral("contact.update");
    m.version = 1;
    m.args = QJsonObject{{QStringLiteral("id"), QStringLiteral("c")}};
    m.hlc = QStringLiteral("000001700000000.00000.dev");
    m.createdAt = 1700000000000;
    m.touched = QJsonArray{QJsonObject{{QStringLiteral("entity"), QStringLiteral("contact")},
                                       {QStringLiteral("id"), QStringLiteral("c")},
                                       {QStringLiteral("before"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Köln")}}}}};
    req.mutations.append(m);
    auto back = Codec::pushRequestFromJson(Codec::toJson(req));
    ASSERT_TRUE(back.ok()) << back.message().toStdString();
    EXPECT_EQ(Codec::toJson(back.value()), Codec::toJson(req));
    EXPECT_EQ(back->mutations.first().deviceId, QStringLiteral("dev"));

    PullPage page;
    page.cursor = 42;
    page.more = true;
    page.lastAppliedSeq = 7;
    Change c;
    c.seq = 42;
    c.state.entity = QStringLiteral("contact");
    c.state.id = QStringLiteral("c");
    c.state.row = QJsonObject{{QStringLiteral("city"), QStringLiteral("Köln")}};
    page.changes.append(c);
    Change d;
    d.seq = 43;
    d.state.entity = QStringLiteral("contact");
    d.state.id = QStringLiteral("d");
    d.state.deleted = true;
    page.changes.append(d);
    auto pageBack = Codec::pullPageFromJson(Codec::toJson(page));
    ASSERT_TRUE(pageBack.ok()) << pageBack.message().toStdString();
    EXPECT_EQ(Codec::toJson(pageBack.value()), Codec::toJson(page));
}

TEST(Wire, TooManyMutationsInOnePushAreRefused)
{
    QJsonArray list;
    for (int i = 1; i <= kMaxMutationsPerPush + 1; ++i)
        list.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("m")},
                                {QStringLiteral("seq"), i},
                                {QStringLiteral("name"), QStringLiteral("n")},
                                {QStringLiteral("version"), 1},
                                {QStringLiteral("args"), QJsonObject{}},
                                {QStringLiteral("hlc"), QStringLiteral("h")},
                                {QStringLiteral("createdAt"), 0}});
    auto r = Codec::pushRequestFromJson(QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("d")}, {QStringLiteral("mutations"), list}});
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.message().contains(QString::number(kMaxMutationsPerPush)));
}

// The server writes snapshot pages as text directly: every kind of value must read back as it was, and
// the text must be what QJsonDocument writes for the same page.
TEST(Wire, SnapshotPageTextIsTheJsonOfThePage)
{
    SnapshotPage p;
    p.at = 9'007'199'254'740'991; // 2^53 - 1: the largest whole number JSON readers keep exact
    p.total = 2;
    p.nextEntity = QStringLiteral("contact");
    p.nextAfter = QStringLiteral("quote\" back\\slash");
    const QJsonArray awkward{QStringLiteral("id-1"),
                             QStringLiteral("tab\tnew\nline\r\b\f\x01 \u00e9\u4e2d\U0001F600 </script>"),
                             QString(),
                             QJsonValue(),
                             true,
                             false,
                             0,
                             -42,
                             qint64(1'700'000'000'123),
                             2.5,
                             -0.1,
                             1e300,
                             QJsonArray{QStringLiteral("Skin"), 3},
                             QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}};
    QStringList columns;
    for (qsizetype i = 1; i < awkward.size(); ++i)
        columns << QStringLiteral("c%1").arg(i);
    p.blocks.append(SnapshotBlock{QStringLiteral("contact"), columns, {awkward, awkward}, {}});
    p.blocks.append(SnapshotBlock{QStringLiteral("company"), {QStringLiteral("name")}, {QJsonArray{QStringLiteral("id-2"), QStringLiteral("Acme")}}, {}});

    const QByteArray text = Codec::snapshotPageBytes(p);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString() << " in " << text.toStdString();
    QJsonArray blocks;
    for (const SnapshotBlock& b : p.blocks) {
        QJsonArray rows;
        for (const QJsonArray& r : b.rows)
            rows.append(r);
        blocks.append(QJsonObject{{QStringLiteral("entity"), b.entity},
                                  {QStringLiteral("columns"), QJsonArray::fromStringList(b.columns)},
                                  {QStringLiteral("rows"), rows}});
    }
    const QJsonObject expected{{QStringLiteral("at"), p.at},
                               {QStringLiteral("total"), p.total},
                               {QStringLiteral("scanned"), p.scanned},
                               {QStringLiteral("blocks"), blocks},
                               {QStringLiteral("next"), QJsonObject{{QStringLiteral("entity"), p.nextEntity},
                                                                    {QStringLiteral("after"), p.nextAfter}}},
                               {QStringLiteral("more"), p.more}};
    EXPECT_EQ(doc.object(), expected);
    EXPECT_EQ(text.size(), QJsonDocument(expected).toJson(QJsonDocument::Compact).size());
    auto back = Codec::snapshotPageFromJson(doc.object());
    ASSERT_TRUE(back.ok()) << back.message().toStdString();
    EXPECT_EQ(back->at, p.at);
    EXPECT_EQ(back->nextAfter, p.nextAfter);
    ASSERT_EQ(back->blocks.size(), 2);
    EXPECT_EQ(back->blocks.at(0).rows.at(1), awkward);
}

TEST(Wire, SnapshotPagesRoundTripCompactAndRefuseRowsThatDoNotFitTheirColumns)
{
    SnapshotPage p;
    p.at = 42;
    p.total = 3;
    p.scanned = 2;
    p.more = true;
    p.nextEntity = QStringLiteral("contact");
    p.nextAfter = QStringLiteral("b");
    p.blocks.append(SnapshotBlock{QStringLiteral("contact"),
                                  {QStringLiteral("firstName"), QStringLiteral("updatedAt")},
                                  {QJsonArray{QStringLiteral("a"), QStringLiteral("Ada"), 7},
                                   QJsonArray{QStringLiteral("b"), QStringLiteral("Bo"), 8}},
                                  {}});
    const QJsonObject json = Codec::toJson(p);
    // The column names travel once per block, not once per row.
    EXPECT_EQ(QJsonDocument(json).toJson(QJsonDocument::Compact).count("firstName"), 1);
    auto back = Codec::snapshotPageFromJson(json);
    ASSERT_TRUE(back.ok()) << back.message().toStdString();
    EXPECT_EQ(back->at, 42);
    EXPECT_EQ(back->total, 3);
    EXPECT_EQ(back->scanned, 2);
    EXPECT_TRUE(back->more);
    EXPECT_EQ(back->nextAfter, QStringLiteral("b"));
    ASSERT_EQ(back->blocks.size(), 1);
    EXPECT_EQ(back->blocks.first().rowObject(1),
              (QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Bo")}, {QStringLiteral("updatedAt"), 8}}));

    QJsonObject bad = json;
    QJsonArray blocks = bad.value(QStringLiteral("blocks")).toArray();
    QJsonObject block = blocks.at(0).toObject();
    block.insert(QStringLiteral("rows"), QJsonArray{QJsonArray{QStringLiteral("a"), QStringLiteral("Ada")}});
    blocks.replace(0, block);
    bad.insert(QStringLiteral("blocks"), blocks);
    auto refused = Codec::snapshotPageFromJson(bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.message().contains(QStringLiteral("blocks[0].rows[0]"))) << refused.message().toStdString();
}

// The server's body limit travels with the session (login and refresh answers); a server that does not say
// leaves it 0, and a client that does not know the key reads the rest as before.
TEST(Wire, TheSessionCarriesTheServersRequestLimitWhenItSaysOne)
{
    Session s;
    s.accessToken = QStringLiteral("a");
    s.accessExpiresInSec = 900;
    s.refreshToken = QStringLiteral("r");
    s.userId = QStringLiteral("u");
    s.role = QStringLiteral("sales");
    s.teamId = QStringLiteral("t");
    EXPECT_FALSE(Codec::toJson(s).contains(QStringLiteral("maxRequestBytes")));
    auto unsaid = Codec::sessionFromJson(Codec::toJson(s));
    ASSERT_TRUE(unsaid.ok()) << unsaid.message().toStdString();
    EXPECT_EQ(unsaid->maxRequestBytes, 0);

    s.maxRequestBytes = 16384;
    auto said = Codec::sessionFromJson(Codec::toJson(s));
    ASSERT_TRUE(said.ok()) << said.message().toStdString();
    EXPECT_EQ(said->maxRequestBytes, 16384);
    QJsonObject wrong = Codec::toJson(s);
    wrong.insert(QStringLiteral("maxRequestBytes"), QStringLiteral("big"));
    EXPECT_FALSE(Codec::sessionFromJson(wrong).ok());
}
