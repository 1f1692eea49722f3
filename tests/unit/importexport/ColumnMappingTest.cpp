#include "importexport/ColumnMapping.h"

#include "ImportTestSupport.h"

#include <gtest/gtest.h>

using namespace outpost;

namespace {

QStringList guesses(const QStringList& header)
{
    const ColumnMapping m = ColumnMapping::guess(header);
    QStringList out;
    for (int i = 0; i < header.size(); ++i)
        out << m.fieldFor(i);
    return out;
}

TEST(ColumnMappingTest, GoogleContactsExport)
{
    const QStringList header = QStringLiteral(
        "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,Organization Title,"
        "Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,"
        "E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
        "Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country")
                                   .split(QLatin1Char(','));
    const QStringList expected = {
        QStringLiteral("firstName"), {}, QStringLiteral("lastName"), {}, {}, {}, QStringLiteral("company"), {}, {}, {},
        QStringLiteral("notes"), {}, {}, QStringLiteral("email"), {}, QStringLiteral("email"), {}, QStringLiteral("phone"),
        {}, {}, QStringLiteral("street"), QStringLiteral("city"), {}, {}, QStringLiteral("postalCode"),
        QStringLiteral("country")};
    EXPECT_EQ(guesses(header), expected);
}

TEST(ColumnMappingTest, OldGoogleAndOutlookExports)
{
    EXPECT_EQ(guesses({QStringLiteral("Name"), QStringLiteral("Given Name"), QStringLiteral("Family Name"),
                       QStringLiteral("E-mail 1 - Type"), QStringLiteral("E-mail 1 - Value"),
                       QStringLiteral("Organization 1 - Name"), QStringLiteral("Organization 1 - Title")}),
              (QStringList{{}, QStringLiteral("firstName"), QStringLiteral("lastName"), {}, QStringLiteral("email"),
                           QStringLiteral("company"), {}}));
    EXPECT_EQ(guesses({QStringLiteral("Title"), QStringLiteral("First Name"), QStringLiteral("Last Name"),
                       QStringLiteral("Company"), QStringLiteral("Job Title"), QStringLiteral("Business Street"),
                       QStringLiteral("Business Street 2"), QStringLiteral("Business City"),
                       QStringLiteral("Business State"), QStringLiteral("Business Postal Code"),
                       QStringLiteral("Business Country/Region"), QStringLiteral("Business Fax"),
                       QStringLiteral("Business Phone"), QStringLiteral("Mobile Phone"), QStringLiteral("E-mail Address"),
                       QStringLiteral("E-mail Display Name"), QStringLiteral("E-mail 2 Address"), QStringLiteral("Notes"),
                       QStringLiteral("Company Main Phone")}),
              (QStringList{{}, QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("company"), {},
                           QStringLiteral("street"), QStringLiteral("street"), QStringLiteral("city"), {},
                           QStringLiteral("postalCode"), QStringLiteral("country"), {}, QStringLiteral("phone"),
                           QStringLiteral("phone"), QStringLiteral("email"), {}, QStringLiteral("email"),
                           QStringLiteral("notes"), QStringLiteral("phone")}));
}

TEST(ColumnMappingTest, GermanFrenchAndOwnExportNames)
{
    EXPECT_EQ(guesses({QStringLiteral("Vorname"), QStringLiteral("Nachname"), QStringLiteral("E-Mail-Adresse"),
                       QStringLiteral("Telefon"), QStringLiteral("Firma"), QStringLiteral("Straße"), QStringLiteral("PLZ"),
                       QStringLiteral("Ort"), QStringLiteral("Land"), QStringLiteral("Bemerkungen"), QStringLiteral("Handy")}),
              (QStringList{QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
                           QStringLiteral("phone"), QStringLiteral("company"), QStringLiteral("street"),
                           QStringLiteral("postalCode"), QStringLiteral("city"), QStringLiteral("country"),
                           QStringLiteral("notes"), QStringLiteral("phone")}));
    EXPECT_EQ(guesses({QStringLiteral("Prénom"), QStringLiteral("Nom"), QStringLiteral("Courriel"),
                       QStringLiteral("Société"), QStringLiteral("Code postal"), QStringLiteral("Ville"), QStringLiteral("Pays")}),
              (QStringList{QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
                           QStringLiteral("company"), QStringLiteral("postalCode"), QStringLiteral("city"),
                           QStringLiteral("country")}));
    EXPECT_EQ(guesses(Contact::fieldNames()), Contact::fieldNames());
    EXPECT_EQ(guesses({QStringLiteral("Email Address"), QStringLiteral("ZIP"), QStringLiteral("Postal Code"),
                       QStringLiteral("Mobile"), QStringLiteral("Organization")}),
              (QStringList{QStringLiteral("email"), QStringLiteral("postalCode"), QStringLiteral("postalCode"),
                           QStringLiteral("phone"), QStringLiteral("company")}));
}

TEST(ColumnMappingTest, UserCorrections)
{
    ColumnMapping m = ColumnMapping::guess({QStringLiteral("Mail"), QStringLiteral("Kundennummer"), QStringLiteral("Name")});
    EXPECT_EQ(m.fieldFor(0), QStringLiteral("email"));
    EXPECT_TRUE(m.fieldFor(1).isEmpty());
    ASSERT_TRUE(m.apply(QStringLiteral("name=lastName")).ok());
    ASSERT_TRUE(m.apply(QStringLiteral("2=notes")).ok());
    ASSERT_TRUE(m.apply(QStringLiteral("Mail=ignore")).ok());
    EXPECT_EQ(m.fieldFor(0), QString());
    EXPECT_EQ(m.fieldFor(1), QStringLiteral("notes"));
    EXPECT_EQ(m.fieldFor(2), QStringLiteral("lastName"));
    EXPECT_EQ(m.apply(QStringLiteral("Nope=email")).code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(m.apply(QStringLiteral("Mail=shoeSize")).code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(m.apply(QStringLiteral("no equals sign")).code(), ErrorCode::InvalidArgument);
}

} // namespace
