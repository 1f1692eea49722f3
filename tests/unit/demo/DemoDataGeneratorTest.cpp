#include "demo/DemoDataGenerator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <random>
#include <thread>
#include <vector>

using namespace outpost;

namespace {

constexpr qint64 kAnchorMs = 1'767'225'600'000; // 2026-01-01T00:00Z
constexpr qint64 kDayMs = 86'400'000;
constexpr int kCorpusSize = 10'000;

bool sameContact(const DemoContact& a, const DemoContact& b)
{
    return a.firstName == b.firstName && a.lastName == b.lastName && a.email == b.email &&
           a.phone == b.phone && a.company == b.company && a.street == b.street &&
           a.postalCode == b.postalCode && a.city == b.city && a.country == b.country && a.notes == b.notes &&
           a.createdAtMs == b.createdAtMs && a.companyIndex == b.companyIndex;
}

std::string describe(const DemoContact& c)
{
    return QStringList{c.firstName, c.lastName,   c.email, c.phone,   c.company,
                       c.street,    c.postalCode, c.city,  c.country, c.notes}
        .join(QStringLiteral(" | "))
        .toStdString();
}

bool isAscii(const QString& s)
{
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

QString fullName(const DemoContact& c)
{
    return c.firstName + QLatin1Char(' ') + c.lastName;
}

// Country calling code and the plausible number of digits in the whole international number.
struct PhoneRule
{
    const char* callingCode;
    int minDigits;
    int maxDigits;
};

const std::map<QString, PhoneRule>& phoneRules()
{
    static const std::map<QString, PhoneRule> rules = {
        {QStringLiteral("DE"), {"+49", 12, 13}}, {QStringLiteral("FR"), {"+33", 11, 11}},
        {QStringLiteral("ES"), {"+34", 11, 11}}, {QStringLiteral("MX"), {"+52", 12, 12}},
        {QStringLiteral("IT"), {"+39", 11, 13}}, {QStringLiteral("BR"), {"+55", 12, 13}},
        {QStringLiteral("PL"), {"+48", 11, 11}}, {QStringLiteral("CZ"), {"+420", 12, 12}},
        {QStringLiteral("TR"), {"+90", 12, 12}}, {QStringLiteral("SE"), {"+46", 10, 12}},
        {QStringLiteral("NO"), {"+47", 10, 10}}, {QStringLiteral("NL"), {"+31", 11, 11}},
        {QStringLiteral("VN"), {"+84", 11, 12}}, {QStringLiteral("US"), {"+1", 11, 11}},
        {QStringLiteral("GB"), {"+44", 12, 12}}, {QStringLiteral("RO"), {"+40", 11, 11}},
        {QStringLiteral("HU"), {"+36", 10, 11}},
    };
    return rules;
}

const std::map<QString, QRegularExpression>& postalRules()
{
    static const QString d5 = QStringLiteral("^\\d{5}$");
    static const std::map<QString, QRegularExpression> rules = {
        {QStringLiteral("DE"), QRegularExpression(d5)},
        {QStringLiteral("FR"), QRegularExpression(d5)},
        {QStringLiteral("ES"), QRegularExpression(d5)},
        {QStringLiteral("MX"), QRegularExpression(d5)},
        {QStringLiteral("IT"), QRegularExpression(d5)},
        {QStringLiteral("TR"), QRegularExpression(d5)},
        {QStringLiteral("US"), QRegularExpression(d5)},
        {QStringLiteral("VN"), QRegularExpression(d5)},
        {QStringLiteral("NO"), QRegularExpression(QStringLiteral("^\\d{4}$"))},
        {QStringLiteral("HU"), QRegularExpression(QStringLiteral("^[1-9]\\d{3}$"))},
        {QStringLiteral("RO"), QRegularExpression(QStringLiteral("^\\d{6}$"))},
        {QStringLiteral("PL"), QRegularExpression(QStringLiteral("^\\d{2}-\\d{3}$"))},
        {QStringLiteral("CZ"), QRegularExpression(QStringLiteral("^[1-7]\\d{2} \\d{2}$"))},
        {QStringLiteral("SE"), QRegularExpression(QStringLiteral("^[1-9]\\d{2} \\d{2}$"))},
        {QStringLiteral("BR"), QRegularExpression(QStringLiteral("^\\d{5}-\\d{3}$"))},
        {QStringLiteral("NL"), QRegularExpression(QStringLiteral("^[1-9]\\d{3} [A-EGHJ-NPRSTVWXZ]{2}$"))},
        {QStringLiteral("GB"),
         QRegularExpression(QStringLiteral("^[A-Z]{1,2}\\d{1,2} \\d[ABD-HJLNP-UW-Z]{2}$"))},
    };
    return rules;
}

class DemoCorpusTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        const DemoDataGenerator gen(20260101);
        contacts = new std::vector<DemoContact>();
        contacts->reserve(kCorpusSize);
        for (qint64 i = 0; i < kCorpusSize; ++i)
            contacts->push_back(gen.contact(i));
    }
    static void TearDownTestSuite()
    {
        delete contacts;
        contacts = nullptr;
    }
    static std::vector<DemoContact>* contacts;
};

std::vector<DemoContact>* DemoCorpusTest::contacts = nullptr;

} // namespace

// ------------------------------------------------------------------------------------------- determinism

TEST(DemoDataGeneratorTest, SameSeedAndIndexGiveTheSameContact)
{
    const DemoDataGenerator a(42);
    const DemoDataGenerator b(42);
    EXPECT_EQ(a.seed(), 42u);
    const qint64 indexes[] = {0, 1, 2, 17, 999, 123'456, 999'999, 5'000'000'000LL, -1, -987'654};
    for (qint64 i : indexes) {
        const DemoContact x = a.contact(i);
        EXPECT_TRUE(sameContact(x, b.contact(i))) << "index " << i << ": " << describe(x);
        EXPECT_TRUE(sameContact(x, a.contact(i))) << "index " << i << " repeated";
    }
    for (qint64 i = 0; i < 500; ++i)
        ASSERT_TRUE(sameContact(a.contact(i), b.contact(i))) << "index " << i;
}

TEST(DemoDataGeneratorTest, DifferentSeedsGiveDifferentPeople)
{
    const DemoDataGenerator a(1);
    const DemoDataGenerator b(2);
    int differentPeople = 0;
    int differentEmails = 0;
    for (qint64 i = 0; i < 200; ++i) {
        const DemoContact x = a.contact(i);
        const DemoContact y = b.contact(i);
        differentPeople += sameContact(x, y) ? 0 : 1;
        differentEmails += x.email != y.email ? 1 : 0;
    }
    EXPECT_EQ(differentPeople, 200);
    EXPECT_GE(differentEmails, 190);

    int differentCompanies = 0;
    for (qint64 i = 0; i < 200; ++i)
        differentCompanies += a.companyName(i) != b.companyName(i) ? 1 : 0;
    EXPECT_GE(differentCompanies, 150);
}

TEST(DemoDataGeneratorTest, ContactDoesNotDependOnCallOrder)
{
    const DemoDataGenerator gen(7);
    constexpr int n = 1000;
    std::vector<DemoContact> forward;
    forward.reserve(n);
    for (qint64 i = 0; i < n; ++i)
        forward.push_back(gen.contact(i));

    // Reversed and shuffled on a fresh generator, interleaved with unrelated calls.
    const DemoDataGenerator other(7);
    std::vector<qint64> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937_64(99));
    for (qint64 i : order) {
        (void)other.contact(i + 1'000'000);
        (void)other.companyName(i);
        ASSERT_TRUE(sameContact(other.contact(i), forward[static_cast<size_t>(i)])) << "index " << i;
    }
    for (qint64 i = n - 1; i >= 0; --i)
        ASSERT_TRUE(sameContact(gen.contact(i), forward[static_cast<size_t>(i)])) << "index " << i;
}

TEST(DemoDataGeneratorTest, ThreadsProduceTheSameContactsAsOneThread)
{
    const DemoDataGenerator gen(2024);
    constexpr int n = 4000;
    constexpr int threads = 4;
    std::vector<DemoContact> expected;
    expected.reserve(n);
    for (qint64 i = 0; i < n; ++i)
        expected.push_back(gen.contact(i));

    std::vector<DemoContact> parallel(n);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&gen, &parallel, t] {
            for (qint64 i = t; i < n; i += threads) // interleaved, so the threads race on the same tables
                parallel[static_cast<size_t>(i)] = gen.contact(i);
        });
    }
    for (std::thread& w : workers)
        w.join();
    for (int i = 0; i < n; ++i)
        ASSERT_TRUE(sameContact(parallel[static_cast<size_t>(i)], expected[static_cast<size_t>(i)])) << i;
}

TEST(DemoDataGeneratorTest, CompanyPoolIsDeterministicAndWraps)
{
    const DemoDataGenerator gen(5);
    const qint64 count = gen.companyCount();
    EXPECT_GE(count, 10'000);
    EXPECT_EQ(gen.companyName(3), DemoDataGenerator(5).companyName(3));
    EXPECT_EQ(gen.companyName(3), gen.companyName(3 + count));
    EXPECT_EQ(gen.companyName(count - 1), gen.companyName(-1));

    // Every country's usual legal forms turn up somewhere in the pool.
    QSet<QString> names;
    for (qint64 i = 0; i < count; i += 3)
        names.insert(gen.companyName(i));
    const QString forms[] = {QStringLiteral(" GmbH"),         QStringLiteral(" S.A.R.L."),
                             QStringLiteral(" SAS"),          QStringLiteral(" S.L."),
                             QStringLiteral(" S.A. de C.V."), QStringLiteral(" S.r.l."),
                             QStringLiteral(" Ltda."),        QStringLiteral(" sp. z o.o."),
                             QStringLiteral(" s.r.o."),       QString::fromUtf8(" A.Ş."),
                             QStringLiteral(" AB"),           QStringLiteral(" AS"),
                             QStringLiteral(" B.V."),         QString::fromUtf8("Công ty TNHH "),
                             QStringLiteral(" Ltd"),          QStringLiteral(" Inc."),
                             QStringLiteral(" LLC"),          QStringLiteral(" S.R.L."),
                             QStringLiteral(" Kft.")};
    for (const QString& form : forms) {
        const bool found = std::any_of(names.cbegin(), names.cend(), [&](const QString& name) {
            return form.endsWith(QLatin1Char(' ')) ? name.startsWith(form) : name.endsWith(form);
        });
        EXPECT_TRUE(found) << "no company with legal form '" << form.toStdString() << "'";
    }
    for (const QString& name : std::as_const(names)) {
        ASSERT_FALSE(name.trimmed().isEmpty());
        ASSERT_EQ(name, name.trimmed());
        ASSERT_FALSE(name.contains(QStringLiteral("  ")));
    }
}

// ------------------------------------------------------------------------------------------- realism

TEST_F(DemoCorpusTest, PeopleComeFromManyCountries)
{
    QHash<QString, int> perCountry;
    for (const DemoContact& c : *contacts)
        ++perCountry[c.country];
    EXPECT_GE(perCountry.size(), 10);
    for (auto it = perCountry.cbegin(); it != perCountry.cend(); ++it) {
        EXPECT_TRUE(QRegularExpression(QStringLiteral("^[A-Z]{2}$")).match(it.key()).hasMatch())
            << it.key().toStdString();
        EXPECT_TRUE(phoneRules().count(it.key())) << "unexpected country " << it.key().toStdString();
        EXPECT_LT(it.value(), kCorpusSize / 5) << it.key().toStdString() << " dominates";
    }
}

TEST_F(DemoCorpusTest, NamesCarryTheirDiacritics)
{
    int nonAscii = 0;
    QSet<QChar> letters;
    for (const DemoContact& c : *contacts) {
        const QString name = fullName(c);
        if (!isAscii(name))
            ++nonAscii;
        for (const QChar ch : name) {
            if (ch.unicode() >= 0x80)
                letters.insert(ch);
        }
    }
    EXPECT_GE(nonAscii, kCorpusSize / 5);
    EXPECT_GE(letters.size(), 60);
    for (const char* probe :
         {"ü", "ö", "ł", "ą", "ř", "č", "ç", "ş", "ı", "ñ", "é", "ã", "å", "ø", "ễ", "ő", "ș"})
        EXPECT_TRUE(letters.contains(QString::fromUtf8(probe).at(0))) << "no name with " << probe;
}

TEST_F(DemoCorpusTest, DisplayNamesAreNeverEmpty)
{
    for (const DemoContact& c : *contacts) {
        ASSERT_FALSE(c.firstName.trimmed().isEmpty()) << describe(c);
        ASSERT_FALSE(c.lastName.trimmed().isEmpty()) << describe(c);
        ASSERT_EQ(c.firstName, c.firstName.trimmed());
        ASSERT_EQ(c.lastName, c.lastName.trimmed());
        ASSERT_FALSE(c.city.isEmpty()) << describe(c);
        ASSERT_FALSE(c.street.isEmpty()) << describe(c);
    }
}

TEST_F(DemoCorpusTest, NamesRepeatButNoneDominates)
{
    QHash<QString, int> counts;
    for (const DemoContact& c : *contacts)
        ++counts[fullName(c)];
    const int mostCommon = *std::max_element(counts.cbegin(), counts.cend());
    EXPECT_LT(counts.size(), kCorpusSize) << "every name is unique";
    EXPECT_GT(counts.size(), kCorpusSize / 2);
    EXPECT_LT(mostCommon, kCorpusSize / 100) << "one full name has 1% or more of all people";
}

TEST_F(DemoCorpusTest, EmailsAreAsciiAndWellFormed)
{
    static const QRegularExpression valid(QStringLiteral(
        "^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9-]+)+$"));
    int missing = 0;
    QSet<QString> domains;
    for (const DemoContact& c : *contacts) {
        if (c.email.isEmpty()) {
            ++missing;
            continue;
        }
        ASSERT_TRUE(isAscii(c.email)) << describe(c);
        ASSERT_EQ(c.email.count(QLatin1Char('@')), 1) << describe(c);
        ASSERT_FALSE(c.email.contains(QStringLiteral(".."))) << describe(c);
        ASSERT_TRUE(valid.match(c.email).hasMatch()) << describe(c);
        const QString domain = c.email.section(QLatin1Char('@'), 1);
        ASSERT_TRUE(domain.contains(QLatin1Char('.'))) << describe(c);
        domains.insert(domain);
    }
    EXPECT_GE(missing, kCorpusSize / 100);
    EXPECT_LE(missing, kCorpusSize * 6 / 100);
    // A few dozen free-mail providers plus the companies' own domains.
    EXPECT_GT(domains.size(), 500);
    EXPECT_TRUE(domains.contains(QStringLiteral("gmail.com")));
}

TEST_F(DemoCorpusTest, PhonesUseTheCountrysCallingCodeAndLength)
{
    static const QRegularExpression allowed(QStringLiteral("^\\+[0-9][0-9 ()-]+[0-9]$"));
    int missing = 0;
    for (const DemoContact& c : *contacts) {
        if (c.phone.isEmpty()) {
            ++missing;
            continue;
        }
        ASSERT_TRUE(allowed.match(c.phone).hasMatch()) << describe(c);
        const auto rule = phoneRules().find(c.country);
        ASSERT_NE(rule, phoneRules().end()) << describe(c);
        const QString code = QLatin1String(rule->second.callingCode) + QLatin1Char(' ');
        ASSERT_TRUE(c.phone.startsWith(code)) << describe(c);
        const auto digits =
            std::count_if(c.phone.cbegin(), c.phone.cend(), [](QChar ch) { return ch.isDigit(); });
        ASSERT_GE(digits, rule->second.minDigits) << describe(c);
        ASSERT_LE(digits, rule->second.maxDigits) << describe(c);
        ASSERT_FALSE(c.phone.contains(QStringLiteral("  "))) << describe(c);
    }
    EXPECT_GE(missing, kCorpusSize / 100);
    EXPECT_LE(missing, kCorpusSize * 8 / 100);
}

TEST_F(DemoCorpusTest, FictionalNumberRangesAreUsedWhereTheyExist)
{
    static const QRegularExpression us(QStringLiteral("^\\+1 \\(\\d{3}\\) 555-01\\d{2}$"));
    static const QRegularExpression gb(QStringLiteral("^\\+44 (7700 900\\d{3}|20 7946 0\\d{3}|1\\d\\d 49[68] "
                                                      "0\\d{3}|2[89] [29]018 0\\d{3}|1632 960\\d{3})$"));
    static const QRegularExpression fr(
        QStringLiteral("^\\+33 (6 39 98|1 99 00|2 61 91|3 53 01|4 65 71|5 36 49) \\d\\d \\d\\d$"));
    for (const DemoContact& c : *contacts) {
        if (c.phone.isEmpty())
            continue;
        if (c.country == QLatin1String("US")) {
            ASSERT_TRUE(us.match(c.phone).hasMatch()) << describe(c);
        } else if (c.country == QLatin1String("GB")) {
            ASSERT_TRUE(gb.match(c.phone).hasMatch()) << describe(c);
        } else if (c.country == QLatin1String("FR")) {
            ASSERT_TRUE(fr.match(c.phone).hasMatch()) << describe(c);
        }
    }
}

TEST_F(DemoCorpusTest, PostalCodesMatchTheCountrysFormat)
{
    for (const DemoContact& c : *contacts) {
        const auto rule = postalRules().find(c.country);
        ASSERT_NE(rule, postalRules().end()) << describe(c);
        ASSERT_TRUE(rule->second.match(c.postalCode).hasMatch()) << describe(c);
    }
}

TEST_F(DemoCorpusTest, AboutThreeQuartersWorkForASharedCompany)
{
    int withCompany = 0;
    int inconsistent = 0;
    QHash<qint64, int> perCompany;
    const DemoDataGenerator gen(20260101);
    for (const DemoContact& c : *contacts) {
        if (c.company.isEmpty()) {
            inconsistent += c.companyIndex != -1 ? 1 : 0;
            continue;
        }
        ++withCompany;
        ++perCompany[c.companyIndex];
        inconsistent += gen.companyName(c.companyIndex) != c.company ? 1 : 0;
    }
    EXPECT_EQ(inconsistent, 0);
    EXPECT_GE(withCompany, kCorpusSize * 65 / 100);
    EXPECT_LE(withCompany, kCorpusSize * 85 / 100);
    // Shared: clearly fewer companies than employed people, and some firms with several of them.
    EXPECT_LT(perCompany.size(), withCompany * 7 / 10);
    EXPECT_GE(*std::max_element(perCompany.cbegin(), perCompany.cend()), 5);
}

TEST_F(DemoCorpusTest, CreatedWithinFiveYearsBeforeTheAnchor)
{
    qint64 oldest = kAnchorMs;
    qint64 newest = 0;
    for (const DemoContact& c : *contacts) {
        ASSERT_LT(c.createdAtMs, kAnchorMs) << describe(c);
        ASSERT_GE(c.createdAtMs, kAnchorMs - (5 * 365 + 2) * kDayMs) << describe(c);
        oldest = std::min(oldest, c.createdAtMs);
        newest = std::max(newest, c.createdAtMs);
    }
    EXPECT_LT(oldest, kAnchorMs - 4 * 365 * kDayMs); // really spread, not bunched at the anchor
    EXPECT_GT(newest, kAnchorMs - 30 * kDayMs);
}

TEST_F(DemoCorpusTest, NotesAreShortAndVaried)
{
    int empty = 0;
    QSet<QString> distinct;
    for (const DemoContact& c : *contacts) {
        if (c.notes.isEmpty()) {
            ++empty;
            continue;
        }
        distinct.insert(c.notes);
        ASSERT_LE(c.notes.size(), 240) << describe(c);
        ASSERT_FALSE(c.notes.contains(QLatin1Char('%'))) << describe(c); // every placeholder expanded
    }
    EXPECT_GE(empty, kCorpusSize / 5);
    EXPECT_LE(empty, kCorpusSize / 2);
    EXPECT_GE(distinct.size(), 1000);
}

// ------------------------------------------------------------------------------------------- asciiFold

TEST(DemoDataGeneratorTest, AsciiFoldTransliteratesGermanAndStripsOtherDiacritics)
{
    const auto fold = [](const char* s) {
        return DemoDataGenerator::asciiFold(QString::fromUtf8(s)).toStdString();
    };
    EXPECT_EQ(fold("Müller"), "Mueller"); // German convention: ä/ö/ü → ae/oe/ue
    EXPECT_EQ(fold("MÜLLER"), "MUELLER");
    EXPECT_EQ(fold("Über"), "Ueber");
    EXPECT_EQ(fold("Straße"), "Strasse");
    EXPECT_EQ(fold("ß"), "ss");
    EXPECT_EQ(fold("Łódź"), "Lodz");
    EXPECT_EQ(fold("Łukasz Wójcik"), "Lukasz Wojcik");
    EXPECT_EQ(fold("Nguyễn"), "Nguyen");
    EXPECT_EQ(fold("Đặng Thị Hằng"), "Dang Thi Hang");
    EXPECT_EQ(fold("Dvořák"), "Dvorak");
    EXPECT_EQ(fold("Ångström"), "Angstroem");
    EXPECT_EQ(fold("São João"), "Sao Joao");
    EXPECT_EQ(fold("Peña"), "Pena");
    EXPECT_EQ(fold("Çelik Şahin Yıldız İstanbul"), "Celik Sahin Yildiz Istanbul");
    EXPECT_EQ(fold("Søren Ærø"), "Soren Aero");
    EXPECT_EQ(fold("Sæther œuvre"), "Saether oeuvre");
    EXPECT_EQ(fold("Ștefan Țurcanu"), "Stefan Turcanu");
    EXPECT_EQ(fold("Hegedűs Győri"), "Hegedus Gyori");
    EXPECT_EQ(fold("O’Brien – „Zitat“"), "O'Brien - \"Zitat\"");
    EXPECT_EQ(fold("u\xCC\x88"
                   "ber"),
              "ueber");                        // decomposed input (NFD) folds like composed input
    EXPECT_EQ(fold("Москва 東京 ok"), "  ok"); // no ASCII form: dropped
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold("plain ASCII 123"), "plain ASCII 123");
}
