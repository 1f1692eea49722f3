// Jaro-Winkler, the normalisation of names, e-mails, phones and companies, and the pair score.
#include "duplicates/DuplicateScoring.h"

#include "contacts/Contact.h"
#include "duplicates/JaroWinkler.h"
#include "DuplicateTestSupport.h"

using namespace outpost;

namespace {

double jw(const char* a, const char* b)
{
    return jaroWinklerUtf8(a, b);
}

Contact person(const QString& first, const QString& last, const QString& email = {},
               const QString& phone = {}, const QString& company = {})
{
    Contact c;
    c.firstName = first;
    c.lastName = last;
    c.email = email;
    c.phone = phone;
    c.company = company;
    return c;
}

} // namespace

TEST(JaroWinkler, KnownValues)
{
    // The classic examples of Winkler's paper.
    EXPECT_NEAR(jw("MARTHA", "MARHTA"), 0.961, 0.001);
    EXPECT_NEAR(jw("DWAYNE", "DUANE"), 0.840, 0.001);
    EXPECT_NEAR(jw("DIXON", "DICKSONX"), 0.813, 0.001);
    EXPECT_DOUBLE_EQ(jw("same", "same"), 1.0);
    EXPECT_DOUBLE_EQ(jw("", ""), 1.0);
    EXPECT_DOUBLE_EQ(jw("abc", ""), 0.0);
    EXPECT_DOUBLE_EQ(jw("abc", "xyz"), 0.0);
    EXPECT_DOUBLE_EQ(jw("ab", "ba"), jw("ba", "ab"));
}

TEST(JaroWinkler, ComparesCodePointsNotBytes)
{
    // "ü" is two bytes in UTF-8 but one character: one substitution, as for ASCII.
    EXPECT_NEAR(jaroWinklerUtf8("m\xc3\xbcller", "mxller"), jw("muller", "mxller"), 1e-12);
    EXPECT_NEAR(jaroWinkler(U"\u00e9mile", U"emile"), jw("xmile", "emile"), 1e-12);
}

TEST(DuplicateScoring, Normalisation)
{
    EXPECT_EQ(DuplicateScoring::compactText(QStringLiteral("  Jean-Pierre  O'Neil ")),
              std::string("jeanpierreoneil"));
    EXPECT_EQ(DuplicateScoring::compactText(QStringLiteral("Sørensen-Müller")),
              std::string("sorensenmuller"));
    EXPECT_EQ(DuplicateScoring::compactText(QStringLiteral("ÅSTRÖM")),
              DuplicateScoring::compactText(QStringLiteral("astrom")));
    EXPECT_EQ(DuplicateScoring::companyKey(QStringLiteral("Müller Logistik GmbH")),
              DuplicateScoring::companyKey(QStringLiteral("MÜLLER LOGISTIK")));
    EXPECT_EQ(DuplicateScoring::companyKey(QStringLiteral("Acme, Inc.")),
              DuplicateScoring::companyKey(QStringLiteral("ACME")));
    EXPECT_EQ(DuplicateScoring::companyKey(QStringLiteral("Transportes García S.A. de C.V.")),
              DuplicateScoring::companyKey(QStringLiteral("Transportes Garcia")));
    EXPECT_EQ(DuplicateScoring::companyKey(QStringLiteral("GmbH")), std::string("gmbh")); // never empty
    EXPECT_EQ(DuplicateScoring::emailKey(QStringLiteral(" Anna.Berg@Example.COM ")),
              DuplicateScoring::emailKey(QStringLiteral("anna.berg@example.com")));
    EXPECT_EQ(DuplicateScoring::emailKey(QStringLiteral("mailto:anna.berg@example.com")),
              DuplicateScoring::emailKey(QStringLiteral("anna.berg@example.com")));
    EXPECT_EQ(DuplicateScoring::emailKey(QString()), 0u);
}

TEST(DuplicateScoring, PhoneFormatsOfOneNumberMatch)
{
    const QStringList forms = {QStringLiteral("+49 170 1234567"), QStringLiteral("0170/123 45 67"),
                               QStringLiteral("0049 (170) 123-4567"), QStringLiteral("+49 (0)170 1234567"),
                               QStringLiteral("tel:+49-170-1234567")};
    const DuplicateFeatures first =
        DuplicateFeatures::of(person(QStringLiteral("A"), QStringLiteral("B"), {}, forms.first()));
    ASSERT_NE(first.phone, 0u);
    EXPECT_EQ(first.callingCode, 49);
    for (const QString& f : forms) {
        const DuplicateFeatures other =
            DuplicateFeatures::of(person(QStringLiteral("A"), QStringLiteral("B"), {}, f));
        EXPECT_EQ(other.phone, first.phone) << f.toStdString();
        EXPECT_TRUE(DuplicateScoring::match(first.view(), other.view()).reasons & DuplicateReason::SamePhone)
            << f.toStdString();
    }
    // The same national digits in another country are another number.
    const DuplicateFeatures austria = DuplicateFeatures::of(
        person(QStringLiteral("A"), QStringLiteral("B"), {}, QStringLiteral("+43 170 1234567")));
    EXPECT_EQ(austria.callingCode, 43);
    const DuplicateMatch m = DuplicateScoring::match(first.view(), austria.view());
    EXPECT_FALSE(m.reasons & DuplicateReason::SamePhone);
    EXPECT_TRUE(m.reasons & DuplicateReason::DifferentPhone);
}

TEST(DuplicateScoring, EvidenceAddsUpAndConflictsSubtract)
{
    const Contact anna =
        person(QStringLiteral("Anna"), QStringLiteral("Berg"), QStringLiteral("anna@berg.example"),
               QStringLiteral("+46 70 123 45 67"), QStringLiteral("Berg AB"));
    // Same person, differently typed.
    const DuplicateMatch same = DuplicateScoring::match(
        anna, person(QStringLiteral("ANNA"), QStringLiteral(" berg "), QStringLiteral("Anna@Berg.Example"),
                     QStringLiteral("070-123 45 67"), QStringLiteral("BERG")));
    EXPECT_EQ(same.score, 100);
    EXPECT_TRUE(same.reasons & DuplicateReason::SameEmail);
    EXPECT_TRUE(same.reasons & DuplicateReason::SamePhone);
    EXPECT_TRUE(same.reasons & DuplicateReason::SameName);
    EXPECT_TRUE(same.reasons & DuplicateReason::SameCompany);

    // Another Anna Berg: only the name is shared.
    const DuplicateMatch namesake = DuplicateScoring::match(
        anna, person(QStringLiteral("Anna"), QStringLiteral("Berg"), QStringLiteral("a.berg@mail.example"),
                     QStringLiteral("+46 8 555 12 34"), QStringLiteral("Volvo")));
    EXPECT_LT(namesake.score, DuplicateScoring::kDefaultMinScore);
    EXPECT_TRUE(namesake.reasons & DuplicateReason::DifferentEmail);
    EXPECT_TRUE(namesake.reasons & DuplicateReason::DifferentPhone);
    EXPECT_TRUE(namesake.reasons & DuplicateReason::DifferentCompany);

    // Swapped first and last name with the same e-mail.
    const DuplicateMatch swapped = DuplicateScoring::match(
        anna, person(QStringLiteral("Berg"), QStringLiteral("Anna"), QStringLiteral("anna@berg.example")));
    EXPECT_GE(swapped.score, DuplicateScoring::kConfidentScore);
    EXPECT_TRUE(swapped.reasons & DuplicateReason::SwappedName);

    // A typo in the name: similar, scored by how similar.
    const DuplicateMatch typo =
        DuplicateScoring::match(person(QStringLiteral("Katharina"), QStringLiteral("Schneidewind")),
                                person(QStringLiteral("Katharina"), QStringLiteral("Schnedewind")));
    EXPECT_TRUE(typo.reasons & DuplicateReason::SimilarName);
    EXPECT_GE(typo.nameSimilarity, 95);
    EXPECT_GT(typo.score, 25);
    EXPECT_LT(typo.score, 40);

    // One shared e-mail between very different names (a family address) is not enough.
    const DuplicateMatch family =
        DuplicateScoring::match(anna, person(QStringLiteral("Lars"), QStringLiteral("Holmqvist"),
                                             QStringLiteral("anna@berg.example")));
    EXPECT_TRUE(family.reasons & DuplicateReason::DifferentName);
    EXPECT_LT(family.score, DuplicateScoring::kDefaultMinScore);

    const QStringList texts = DuplicateScoring::describe(same.reasons, same.nameSimilarity);
    EXPECT_EQ(texts.first(), QStringLiteral("Same e-mail address"));
    EXPECT_TRUE(texts.contains(QStringLiteral("Same name")));
    EXPECT_TRUE(DuplicateScoring::describe(typo.reasons, typo.nameSimilarity)
                    .contains(QStringLiteral("Similar names (%1% alike)").arg(typo.nameSimilarity)));
}

TEST(DuplicateScoring, UpperBoundIsNeverBelowTheScore)
{
    // The scan skips a pair when the bound is below its threshold: the bound must hold for every pair.
    const DemoDataGenerator gen(31337);
    QList<DuplicateFeatures> people;
    for (int i = 0; i < 300; ++i) {
        const DemoContact d = gen.contact(i);
        people.append(DuplicateFeatures::of(d.firstName, d.lastName, d.email, d.phone, d.company, d.street,
                                            d.postalCode));
        // And a variant of each: another case, no e-mail, the names swapped.
        people.append(DuplicateFeatures::of(d.lastName.toUpper(), d.firstName, QString(), d.phone, d.company,
                                            d.street, d.postalCode));
    }
    people.append(DuplicateFeatures::of({}, {}, {}, {}, QStringLiteral("Acme GmbH"), {}, {}));
    people.append(DuplicateFeatures::of({}, {}, {}, {}, QStringLiteral("ACME"), {}, {}));
    people.append(DuplicateFeatures::of({}, {}, {}, {}, QStringLiteral("Acne AG"), {}, {}));
    for (qsizetype i = 0; i < people.size(); ++i) {
        for (qsizetype j = i + 1; j < people.size(); ++j) {
            const DuplicateFeatureView a = people.at(i).view(), b = people.at(j).view();
            ASSERT_GE(DuplicateScoring::upperBound(a, b), DuplicateScoring::match(a, b).score)
                << i << "/" << j;
        }
    }
}
