#include "protocol/Wire.h"

#include <QJsonDocument>

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
                                   QJsonArray{QStringLiteral("b"), QStringLiteral("Bo"), 8}}});
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
