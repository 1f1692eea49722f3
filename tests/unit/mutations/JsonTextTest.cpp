#include "contacts/Contact.h"
#include "util/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

// What QJsonDocument writes for `value` as a string member, without the {"k": and }.
QByteArray qtText(const QString& value)
{
    const QByteArray doc = QJsonDocument(QJsonObject{{QStringLiteral("k"), value}}).toJson(QJsonDocument::Compact);
    return doc.mid(5, doc.size() - 6);
}

QString awkwardText()
{
    QString s = QStringLiteral("plain \" quote \\ back / slash \b\f\n\r\t é ß 中文 \U0001F600 end \x7f");
    for (char16_t c = 0; c < 0x20; ++c)
        s += QChar(c);
    s += QChar(0xD800); // lone surrogates: QJsonDocument escapes them
    s += QLatin1Char('x');
    s += QChar(0xDC01);
    s += QChar(0xFFFF);
    return s;
}

TEST(JsonText, AStringIsWrittenAsQJsonDocumentWritesIt)
{
    for (const QString& s : {QString(), QStringLiteral("a"), awkwardText(), awkwardText().repeated(50)}) {
        QByteArray ours("prefix");
        appendJsonString(ours, s);
        EXPECT_EQ(ours, QByteArray("prefix") + qtText(s)) << s.toStdString();
    }
}

TEST(JsonText, AnObjectOfTextMembersIsItsCompactTextAndParsesBackToTheSameObject)
{
    const QList<std::pair<QString, QString>> members = {
        {QStringLiteral("zeta"), awkwardText()}, {QStringLiteral("alpha"), QString()},
        {QStringLiteral("custom.colour"), QStringLiteral("blue")}, {QStringLiteral("Beta"), QStringLiteral("B")}};
    QJsonObject expected;
    for (const auto& [key, value] : members)
        expected.insert(key, value);
    const JsonTextObject built = jsonTextObject(members); // unsorted: sorted on the way
    EXPECT_EQ(built.object, expected);
    EXPECT_EQ(built.text, QJsonDocument(expected).toJson(QJsonDocument::Compact));
    const JsonTextObject none = jsonTextObject({});
    EXPECT_TRUE(none.object.isEmpty());
    EXPECT_EQ(none.text, QByteArray("{}"));
}

TEST(JsonText, AContactsFieldsAreTheObjectAndTextOfEveryField)
{
    Contact c;
    c.firstName = QStringLiteral("Zoë");
    c.lastName = QStringLiteral("O'Neil \"Jr\"");
    c.notes = QStringLiteral("line one\nline two");
    c.tags = QStringLiteral("vip");
    QJsonObject expected;
    for (const QString& f : Contact::fieldNames())
        expected.insert(f, c.field(f));
    EXPECT_EQ(c.fieldsToJson(), expected);
    EXPECT_EQ(c.fieldsJson().text, QJsonDocument(expected).toJson(QJsonDocument::Compact));
}

} // namespace
