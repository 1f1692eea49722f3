#include "contacts/Contact.h"
#include "contacts/ContactRepository.h"
#include "util/TextFold.h"

#include <gtest/gtest.h>

using namespace outpost;

TEST(TextFoldTest, FoldsCaseAndDiacritics)
{
    EXPECT_EQ(foldText(QStringLiteral("Müller")), QStringLiteral("muller"));
    EXPECT_EQ(foldText(QStringLiteral("Łódź")), QStringLiteral("lodz"));
    EXPECT_EQ(foldText(QStringLiteral("Nguyễn")), QStringLiteral("nguyen"));
    EXPECT_EQ(foldText(QStringLiteral("Straße")), QStringLiteral("strasse"));
    EXPECT_EQ(foldText(QStringLiteral("Ørsted")), QStringLiteral("orsted"));
    EXPECT_EQ(foldText(QStringLiteral("ÇELİK")), QStringLiteral("celik"));
}

TEST(ContactTextTest, SortKeyOrdersByLastThenFirstName)
{
    const QString liAnna = Contact::sortKeyFor(QStringLiteral("Anna"), QStringLiteral("Li"), {}, {});
    const QString liaBo = Contact::sortKeyFor(QStringLiteral("Bo"), QStringLiteral("Lia"), {}, {});
    const QString muller = Contact::sortKeyFor(QStringLiteral("Jürgen"), QStringLiteral("Müller"), {}, {});
    const QString mueller = Contact::sortKeyFor(QStringLiteral("Karl"), QStringLiteral("Muller"), {}, {});
    EXPECT_LT(liAnna, liaBo);
    EXPECT_LT(muller, mueller); // same folded last name, then first name
    EXPECT_EQ(Contact::sortKeyFor({}, {}, QStringLiteral("ACME GmbH"), {}), QStringLiteral("acme gmbh"));
}

TEST(ContactTextTest, PhoneSearchFormsCoverNationalAndInternational)
{
    const QStringList forms = Contact::phoneSearchFor(QStringLiteral("+49 170 1234567")).split(QLatin1Char(' '));
    EXPECT_TRUE(forms.contains(QStringLiteral("491701234567")));
    EXPECT_TRUE(forms.contains(QStringLiteral("1701234567")));
    EXPECT_TRUE(forms.contains(QStringLiteral("01701234567")));
    EXPECT_EQ(Contact::phoneSearchFor(QString()), QString());
}

TEST(ContactQueryTest, WordsBecomePrefixTerms)
{
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("  ")).match, QString());
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("Mar Sch")).match, QStringLiteral("mar* sch*"));
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("maria.schmidt@web")).match, QStringLiteral("maria* schmidt* web*"));
    // FTS operators and quotes typed by a user are plain text, never syntax.
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("\"OR\" -NOT*")).match, QStringLiteral("search_text:or* not*"));
    // Words shorter than kNotesMinLetters match the folded names, e-mail, company, city and tags only.
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("M Sch")).match, QStringLiteral("search_text:m* sch*"));
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("+49 170-12")).match, QStringLiteral("phone_search:4917012*"));
    EXPECT_EQ(ContactQuery::parse(QStringLiteral("0049 170")).match, QStringLiteral("phone_search:49170*"));
}
