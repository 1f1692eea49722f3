#include "demo/DemoDataGenerator.h"

#include "demo/DemoLocaleData.h"

#include <algorithm>
#include <cmath>
#include <QList>
#include <QStringView>
#include <utility>
#include <vector>

namespace outpost {
namespace {

using namespace outpost::demo;

constexpr qint64 kAnchorMs = 1'767'225'600'000; // 2026-01-01T00:00Z: fixed, never "now"
constexpr qint64 kDayMs = 86'400'000;
constexpr int kHistoryDays = 5 * 365 + 1;
constexpr int kCompaniesPerWeight = 120; // pool size per locale = weight × this (12,240 in all)
constexpr int kCompanyPercent = 75;
constexpr int kMissingEmailPercent = 3;
constexpr int kMissingPhonePercent = 4;
constexpr int kEmptyNotesPercent = 35;

// ---------------------------------------------------------------------------------------------- random
// splitmix64's finaliser: a bijective 64-bit mix with full avalanche.
constexpr quint64 mix64(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// One independent stream per field group, so that changing how one field is drawn never shifts another.
enum class Stream : quint64
{
    Person = 1,
    Address,
    Company,
    Email,
    Phone,
    Notes,
    Created,
    CompanyName
};

class Rng
{
public:
    Rng(quint64 key, Stream stream)
        : m_state(mix64(key ^ (static_cast<quint64>(stream) * 0xD1B54A32D192ED03ull)))
    {}

    quint64 next()
    {
        m_state += 0x9E3779B97F4A7C15ull;
        return mix64(m_state);
    }
    // Uniform in [0, n) (Lemire's multiply-shift; the bias for our small n is far below 1e-9).
    quint32 below(quint32 n) { return static_cast<quint32>(((next() >> 32) * n) >> 32); }
    qsizetype below(qsizetype n) { return static_cast<qsizetype>(below(static_cast<quint32>(n))); }
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<quint32>(hi - lo + 1))); }
    bool chance(int percent) { return below(100u) < static_cast<quint32>(percent); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Index in [0, n) biased towards the front of the list (skew 1 = uniform): popular names come first.
    qsizetype skewed(qsizetype n, double skew)
    {
        const auto i = static_cast<qsizetype>(static_cast<double>(n) * std::pow(unit(), skew));
        return i < n ? i : n - 1;
    }
    template <typename List> const auto& pick(const List& list)
    {
        return list[below(static_cast<qsizetype>(list.size()))];
    }

private:
    quint64 m_state;
};

// ---------------------------------------------------------------------------------------------- tables
struct Word
{
    QString text;
    QString mail; // lower-case ASCII form for e-mail addresses and domains
};

struct LastName
{
    Word male;
    Word female;
};

struct City
{
    QString name;
    const CitySpec* spec;
};

struct Locale
{
    const LocaleSpec* spec = nullptr;
    QString country;
    QString language;
    QLatin1String callingCode;
    QString tld;
    QList<Word> male;
    QList<Word> female;
    QList<LastName> lastNames;
    QList<City> cities;
    QList<QString> streets;
    QList<QString> legalForms;
    QList<Word> industries;
    QList<Word> brands;
    QList<QString> freeMail;
    int weightEnd = 0;      // cumulative weight, for the weighted locale draw
    qint64 companyBase = 0; // this locale's slice of the company pool
    qint64 companyCount = 0;
};

QString utf8(const char* s)
{
    return QString::fromUtf8(s);
}

QList<QString> toStrings(std::span<const char* const> in)
{
    QList<QString> out;
    out.reserve(static_cast<qsizetype>(in.size()));
    for (const char* s : in)
        out.append(utf8(s));
    return out;
}

// The part of a name that goes into an e-mail address: folded to ASCII, lower case, letters and digits
// only ("María José" → "mariajose", "D'Angelo" → "dangelo"). Outside German-speaking countries ä/ö/ü lose
// their dots instead of becoming ae/oe/ue, as people there write them ("Öztürk" → "ozturk").
QString mailForm(const QString& text, bool germanUmlauts, bool lastWordOnly)
{
    QString s = text;
    if (!germanUmlauts) {
        static constexpr struct
        {
            char16_t from;
            char to;
        } kStrip[] = {{u'ä', 'a'}, {u'ö', 'o'}, {u'ü', 'u'}, {u'Ä', 'A'}, {u'Ö', 'O'}, {u'Ü', 'U'}};
        for (const auto& m : kStrip)
            s.replace(QChar(m.from), QLatin1Char(m.to));
    }
    QString folded = DemoDataGenerator::asciiFold(s).toLower();
    if (lastWordOnly)
        folded = folded.section(QLatin1Char(' '), -1);
    QString out;
    out.reserve(folded.size());
    for (const QChar c : std::as_const(folded)) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-')
            out.append(c);
    }
    return out;
}

Word word(const char* s, bool germanUmlauts, bool lastWordOnly = false)
{
    Word w;
    w.text = utf8(s);
    w.mail = mailForm(w.text, germanUmlauts, lastWordOnly);
    return w;
}

QList<Word> toWords(std::span<const char* const> in, bool germanUmlauts, bool lastWordOnly = false)
{
    QList<Word> out;
    out.reserve(static_cast<qsizetype>(in.size()));
    for (const char* s : in)
        out.append(word(s, germanUmlauts, lastWordOnly));
    return out;
}

struct Tables
{
    std::vector<Locale> locales;
    int totalWeight = 0;
    qint64 companyTotal = 0;
    QList<QString> noteTemplates;
    QList<QString> products;
    QList<QString> channels;
    QList<QString> colonias;
    QList<QString> neighbourhoods;

    Tables()
    {
        const auto specs = localeSpecs();
        locales.reserve(specs.size());
        for (const LocaleSpec& spec : specs) {
            Locale l;
            l.spec = &spec;
            l.country = QLatin1String(spec.country);
            l.language = QLatin1String(spec.language);
            l.callingCode = QLatin1String(spec.countryCallingCode);
            l.tld = QLatin1String(spec.companyTld);
            const bool vietnamese = l.country == QLatin1String("VN");
            l.male = toWords(spec.maleFirst, spec.germanUmlauts, vietnamese);
            l.female = toWords(spec.femaleFirst, spec.germanUmlauts, vietnamese);
            for (const LastNameSpec& n : spec.lastNames) {
                LastName ln;
                ln.male = word(n.male, spec.germanUmlauts);
                ln.female = n.female ? word(n.female, spec.germanUmlauts) : ln.male;
                l.lastNames.append(ln);
            }
            for (const CitySpec& c : spec.cities)
                l.cities.append(City{utf8(c.name), &c});
            l.streets = toStrings(spec.streets);
            l.legalForms = toStrings(spec.legalForms);
            l.industries = toWords(spec.industries, spec.germanUmlauts);
            l.brands = toWords(spec.brands, spec.germanUmlauts);
            l.freeMail = toStrings(spec.freeMailDomains);
            totalWeight += spec.weight;
            l.weightEnd = totalWeight;
            l.companyBase = companyTotal;
            l.companyCount = static_cast<qint64>(spec.weight) * kCompaniesPerWeight;
            companyTotal += l.companyCount;
            locales.push_back(std::move(l));
        }
        noteTemplates = toStrings(demo::noteTemplates());
        products = toStrings(noteProducts());
        channels = toStrings(noteChannels());
        colonias = toStrings(mexicanColonias());
        neighbourhoods = toStrings(turkishNeighbourhoods());
    }

    const Locale& localeForWeight(int w) const
    {
        for (const Locale& l : locales) {
            if (w < l.weightEnd)
                return l;
        }
        return locales.back();
    }

    const Locale& localeForCompany(qint64 ci) const
    {
        for (const Locale& l : locales) {
            if (ci < l.companyBase + l.companyCount)
                return l;
        }
        return locales.back();
    }
};

const Tables& tables()
{
    static const Tables t; // built once, immutable afterwards: safe to share between threads
    return t;
}

// ---------------------------------------------------------------------------------------------- helpers
void appendNumber(QString& out, quint64 value, int minDigits = 1)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n < minDigits)
        buf[n++] = '0';
    while (n > 0)
        out.append(QLatin1Char(buf[--n]));
}

QString number(quint64 value, int minDigits = 1)
{
    QString s;
    s.reserve(minDigits > 8 ? minDigits : 8);
    appendNumber(s, value, minDigits);
    return s;
}

QChar randomLetter(Rng& r, QLatin1String alphabet)
{
    return alphabet.at(r.below(alphabet.size()));
}

// Expands a phone pattern: '#' any digit, 'N' a digit 2–9, '@' the city's area code (the first token of
// its landline pattern); everything else is copied.
void appendPhonePattern(QString& out, const char* pattern, const char* landline, Rng& r)
{
    for (const char* p = pattern; *p != '\0'; ++p) {
        switch (*p) {
        case '#':
            out.append(QLatin1Char(static_cast<char>('0' + r.below(10u))));
            break;
        case 'N':
            out.append(QLatin1Char(static_cast<char>('2' + r.below(8u))));
            break;
        case '@':
            for (const char* a = landline; *a != '\0' && *a != ' '; ++a)
                out.append(QLatin1Char(*a));
            break;
        default:
            out.append(QLatin1Char(*p));
        }
    }
}

QString postalCode(const Locale& l, const City& c, Rng& r)
{
    const CitySpec& spec = *c.spec;
    const int n = r.range(spec.postalLo, spec.postalHi);
    const auto u = static_cast<quint64>(n);
    QString s;
    s.reserve(10);
    switch (l.spec->postalFormat) {
    case PostalFormat::Digits4:
        appendNumber(s, u, 4);
        break;
    case PostalFormat::Digits5:
        appendNumber(s, u, 5);
        break;
    case PostalFormat::Digits6:
        appendNumber(s, u, 6);
        break;
    case PostalFormat::DashedPl:
        appendNumber(s, u / 1000, 2);
        s.append(QLatin1Char('-'));
        appendNumber(s, u % 1000, 3);
        break;
    case PostalFormat::SpacedCzSe:
        appendNumber(s, u / 100, 3);
        s.append(QLatin1Char(' '));
        appendNumber(s, u % 100, 2);
        break;
    case PostalFormat::DashedBr:
        appendNumber(s, u / 1000, 5);
        s.append(QLatin1Char('-'));
        appendNumber(s, u % 1000, 3);
        break;
    case PostalFormat::Nl:
        // Letters F, I, O, Q, U, Y are not used; the combinations SA, SD and SS are avoided too.
        appendNumber(s, u, 4);
        s.append(QLatin1Char(' '));
        s.append(randomLetter(r, QLatin1String("ABCEGHJKLMNPRTVWXZ")));
        s.append(randomLetter(r, QLatin1String("ABCEGHJKLMNPRSTVWXZ")));
        break;
    case PostalFormat::Gb:
        s.append(QLatin1String(spec.postPrefix));
        appendNumber(s, u);
        s.append(QLatin1Char(' '));
        appendNumber(s, r.below(10u));
        s.append(randomLetter(r, QLatin1String("ABDEFGHJLNPQRSTUWXYZ")));
        s.append(randomLetter(r, QLatin1String("ABDEFGHJLNPQRSTUWXYZ")));
        break;
    }
    return s;
}

QString streetLine(const Locale& l, Rng& r)
{
    const Tables& t = tables();
    const QString& name = r.pick(l.streets);
    // Low house numbers are more common than high ones.
    const auto house = [&r](int max) {
        return static_cast<quint64>(1 + static_cast<int>(max * r.unit() * r.unit()));
    };
    QString s;
    s.reserve(name.size() + 32);
    switch (l.spec->streetStyle) {
    case StreetStyle::De:
        s = name % QLatin1Char(' ') % number(house(180));
        if (r.chance(8))
            s.append(QLatin1Char(static_cast<char>('a' + r.below(3u))));
        break;
    case StreetStyle::Fr:
        appendNumber(s, house(150));
        if (r.chance(5))
            s.append(QLatin1String(" bis"));
        s.append(QLatin1Char(' ') % name);
        break;
    case StreetStyle::Es:
        s = name % QLatin1String(", ") % number(house(150));
        if (r.chance(40)) {
            s.append(QLatin1String(", "));
            appendNumber(s, static_cast<quint64>(r.range(1, 9)));
            s.append(QChar(u'º') % QLatin1Char(' ') % QLatin1Char(static_cast<char>('A' + r.below(4u))));
        }
        break;
    case StreetStyle::Mx:
        s = name % QLatin1Char(' ') % number(house(3000));
        if (r.chance(20))
            s.append(QLatin1String(" Int. ") % number(static_cast<quint64>(r.range(1, 20))));
        if (r.chance(50))
            s.append(QLatin1String(", Col. ") % r.pick(t.colonias));
        break;
    case StreetStyle::It:
        s = name % QLatin1String(", ") % number(house(200));
        if (r.chance(8))
            s.append(QLatin1Char('/') % QLatin1Char(static_cast<char>('A' + r.below(3u))));
        break;
    case StreetStyle::Br:
        s = name % QLatin1String(", ") % number(house(3000));
        if (r.chance(35))
            s.append(QLatin1String(" - Apto ") %
                     number(static_cast<quint64>(r.range(1, 20) * 100 + r.range(1, 8))));
        break;
    case StreetStyle::Pl:
        s = name % QLatin1Char(' ') % number(house(150));
        if (r.chance(50))
            s.append(QLatin1Char('/') % number(static_cast<quint64>(r.range(1, 60))));
        break;
    case StreetStyle::Cz:
        s = name % QLatin1Char(' ');
        if (r.chance(70))
            s.append(number(static_cast<quint64>(r.range(100, 3200))) % QLatin1Char('/'));
        appendNumber(s, house(80));
        break;
    case StreetStyle::Tr:
        if (r.chance(40))
            s = r.pick(t.neighbourhoods) % QLatin1String(" Mah., ");
        s.append(name % QLatin1String(" No: ") % number(house(120)));
        if (r.chance(50))
            s.append(QLatin1String(" D: ") % number(static_cast<quint64>(r.range(1, 24))));
        break;
    case StreetStyle::Se:
        s = name % QLatin1Char(' ') % number(house(120));
        if (r.chance(12))
            s.append(QLatin1Char(' ') % QLatin1Char(static_cast<char>('A' + r.below(3u))));
        if (r.chance(15))
            s.append(QLatin1String(", lgh ") %
                     number(static_cast<quint64>(r.range(10, 13) * 100 + r.range(1, 4))));
        break;
    case StreetStyle::No:
        s = name % QLatin1Char(' ') % number(house(120));
        if (r.chance(15))
            s.append(QLatin1Char(static_cast<char>('A' + r.below(3u))));
        break;
    case StreetStyle::Nl:
        s = name % QLatin1Char(' ') % number(house(250));
        if (r.chance(20)) {
            static constexpr const char* kSuffix[] = {"a", "b", "-1", "-2", "-hs", "A"};
            s.append(QLatin1String(kSuffix[r.below(6u)]));
        }
        break;
    case StreetStyle::Vn:
        appendNumber(s, house(400));
        if (r.chance(25))
            s.append(QLatin1Char('/') % number(static_cast<quint64>(r.range(1, 60))));
        s.append(QLatin1Char(' ') % name);
        break;
    case StreetStyle::Gb:
        if (r.chance(15))
            s = QLatin1String("Flat ") % number(static_cast<quint64>(r.range(1, 24))) % QLatin1String(", ");
        s.append(number(house(200)) % QLatin1Char(' ') % name);
        break;
    case StreetStyle::Us:
        s = number(house(9999)) % QLatin1Char(' ') % name;
        if (r.chance(12))
            s.append(QLatin1String(", Apt ") % number(static_cast<quint64>(r.range(1, 30))) %
                     QLatin1Char(static_cast<char>('A' + r.below(4u))));
        else if (r.chance(8))
            s.append(QLatin1String(", Suite ") % number(static_cast<quint64>(r.range(1, 9) * 100)));
        break;
    case StreetStyle::Ro:
        s = name % QLatin1String(" nr. ") % number(house(150));
        if (r.chance(30))
            s.append(QLatin1String(", bl. ") % QLatin1Char(static_cast<char>('A' + r.below(6u))) %
                     number(static_cast<quint64>(r.range(1, 9))) % QLatin1String(", ap. ") %
                     number(static_cast<quint64>(r.range(1, 80))));
        break;
    case StreetStyle::Hu:
        s = name % QLatin1Char(' ') % number(house(150)) % QLatin1Char('.');
        if (r.chance(30))
            s.append(QLatin1Char(' ') % number(static_cast<quint64>(r.range(1, 10))) %
                     QLatin1String(". em. ") % number(static_cast<quint64>(r.range(1, 12))) %
                     QLatin1Char('.'));
        break;
    }
    return s;
}

// ---------------------------------------------------------------------------------------------- companies
struct CompanyParts
{
    QString name;
    QString domain;
};

CompanyParts makeCompany(quint64 key, qint64 companyIndex)
{
    const Tables& t = tables();
    const qint64 ci = ((companyIndex % t.companyTotal) + t.companyTotal) % t.companyTotal;
    const Locale& l = t.localeForCompany(ci);
    Rng r(key ^ mix64(static_cast<quint64>(ci) + 0x632BE59BD9B4E019ull), Stream::CompanyName);

    const bool vietnamese = l.country == QLatin1String("VN");
    const QString& legal = r.pick(l.legalForms);
    const bool legalIsPrefix = legal.endsWith(QLatin1Char(' '));
    const bool familyStyleLegal = legal.startsWith(QLatin1Char('&')); // "& Sons Ltd"

    QString core;   // the name without its legal form
    QString domain; // ASCII
    const Word* industry = r.chance(70) ? &r.pick(l.industries) : nullptr;
    if (familyStyleLegal || r.chance(vietnamese ? 10 : 55)) {
        // Named after its founders: "Müller Logistik", "Transportes García", "Schneider & Weber".
        const Word& a = l.lastNames[r.skewed(l.lastNames.size(), 1.3)].male;
        core = a.text;
        domain = a.mail;
        if (!familyStyleLegal && r.chance(25)) {
            const Word& b = l.lastNames[r.below(l.lastNames.size())].male;
            if (b.text != a.text) {
                core = a.text % QLatin1String(" & ") % b.text;
                domain = a.mail % QLatin1Char('-') % b.mail;
                industry = nullptr;
            }
        }
        if (familyStyleLegal)
            industry = nullptr;
    } else {
        const Word& b = r.pick(l.brands);
        core = b.text;
        domain = b.mail;
    }
    if (industry) {
        core = l.spec->industryFirst ? QString(industry->text % QLatin1Char(' ') % core)
                                     : QString(core % QLatin1Char(' ') % industry->text);
        if (r.chance(50))
            domain = l.spec->industryFirst ? QString(industry->mail % QLatin1Char('-') % domain)
                                           : QString(domain % QLatin1Char('-') % industry->mail);
    }

    CompanyParts c;
    c.name = legalIsPrefix ? QString(legal % core) : QString(core % QLatin1Char(' ') % legal);
    if (!c.name.isEmpty() && c.name.at(0).isLower()) // "de Vries Bouw" → "De Vries Bouw"
        c.name[0] = c.name.at(0).toUpper();
    c.domain = domain % QLatin1Char('.') % l.tld;
    return c;
}

// ---------------------------------------------------------------------------------------------- e-mail
void appendTwoDigitYear(QString& out, Rng& r)
{
    appendNumber(out, static_cast<quint64>(r.range(55, 105) % 100), 2);
}

QString emailAddress(const Word& first, const Word& last, const QString* companyDomain, const Locale& l,
                     Rng& r)
{
    const QString& f = first.mail;
    const QString& g = last.mail;
    QString s;
    s.reserve(f.size() + g.size() + 24);
    const QChar fi = f.isEmpty() ? QLatin1Char('x') : f.at(0);
    if (companyDomain) {
        const quint32 p = r.below(100u);
        if (p < 60)
            s = f % QLatin1Char('.') % g;
        else if (p < 85)
            s = fi % QLatin1Char('.') % g;
        else if (p < 95)
            s = f;
        else
            s = fi % g;
        s.append(QLatin1Char('@') % *companyDomain);
        return s;
    }
    const quint32 p = r.below(100u);
    if (p < 30) {
        s = f % QLatin1Char('.') % g;
    } else if (p < 44) {
        s = fi % QLatin1Char('.') % g;
    } else if (p < 58) {
        s = f % g;
        appendTwoDigitYear(s, r);
    } else if (p < 68) {
        s = f % QLatin1Char('.') % g;
        appendNumber(s, static_cast<quint64>(r.range(1, 99)));
    } else if (p < 76) {
        s = g % QLatin1Char('.') % f;
    } else if (p < 84) {
        s = f % QLatin1Char('_') % g;
    } else if (p < 92) {
        s = f % (g.isEmpty() ? QChar(QLatin1Char('x')) : g.at(0));
        appendTwoDigitYear(s, r);
    } else {
        s = f;
        appendNumber(s, static_cast<quint64>(r.range(1955, 2005)));
    }
    s.append(QLatin1Char('@') % r.pick(l.freeMail));
    return s;
}

// ---------------------------------------------------------------------------------------------- notes
const QString& monthName(int m)
{
    static const QString kMonths[] = {
        QStringLiteral("January"), QStringLiteral("February"), QStringLiteral("March"),
        QStringLiteral("April"),   QStringLiteral("May"),      QStringLiteral("June"),
        QStringLiteral("July"),    QStringLiteral("August"),   QStringLiteral("September"),
        QStringLiteral("October"), QStringLiteral("November"), QStringLiteral("December")};
    return kMonths[m];
}

void appendNote(QString& out, const QString& tmpl, const Locale& l, Rng& r)
{
    static const QString kWeekdays[] = {QStringLiteral("Monday"), QStringLiteral("Tuesday"),
                                        QStringLiteral("Wednesday"), QStringLiteral("Thursday"),
                                        QStringLiteral("Friday")};
    static const QString kTimes[] = {QStringLiteral("morning"), QStringLiteral("afternoon"),
                                     QStringLiteral("evening")};
    const Tables& t = tables();
    for (qsizetype i = 0; i < tmpl.size(); ++i) {
        const QChar c = tmpl.at(i);
        if (c != QLatin1Char('%') || i + 1 == tmpl.size()) {
            out.append(c);
            continue;
        }
        switch (tmpl.at(++i).toLatin1()) {
        case 'c':
            out.append(r.pick(l.cities).name);
            break;
        case 'r': {
            const bool female = r.chance(50);
            const QList<Word>& firsts = female ? l.female : l.male;
            const LastName& ln = l.lastNames[r.skewed(l.lastNames.size(), l.spec->lastNameSkew)];
            out.append(r.pick(firsts).text % QLatin1Char(' ') % (female ? ln.female.text : ln.male.text));
            break;
        }
        case 'p':
            out.append(r.pick(t.products));
            break;
        case 'h':
            out.append(r.pick(t.channels));
            break;
        case 't':
            out.append(kTimes[r.below(3u)]);
            break;
        case 'd':
            out.append(kWeekdays[r.below(5u)]);
            break;
        case 'm':
            out.append(monthName(r.range(0, 11)));
            break;
        case 'y':
            appendNumber(out, static_cast<quint64>(r.range(2015, 2024)));
            break;
        case 'n':
            appendNumber(out, static_cast<quint64>(r.range(2, 8)));
            break;
        case 'l':
            out.append(l.language);
            break;
        default:
            out.append(c);
            out.append(tmpl.at(i));
        }
    }
}

QString notes(const Locale& l, Rng& r)
{
    if (r.chance(kEmptyNotesPercent))
        return {};
    const Tables& t = tables();
    const auto count = static_cast<quint32>(t.noteTemplates.size());
    const bool english = l.language == QLatin1String("English");
    const auto usable = [&](quint32 i) {
        return !(english && t.noteTemplates[i].contains(QLatin1String("%l")));
    };
    quint32 first = r.below(count);
    while (!usable(first))
        first = (first + 1) % count;
    QString s;
    s.reserve(120);
    appendNote(s, t.noteTemplates[first], l, r);
    if (r.chance(30)) {
        quint32 second = (first + 1 + r.below(count - 1)) % count;
        while (!usable(second) || second == first)
            second = (second + 1) % count;
        s.append(QLatin1Char(' '));
        appendNote(s, t.noteTemplates[second], l, r);
    }
    return s;
}

} // namespace

// ---------------------------------------------------------------------------------------------- public
DemoDataGenerator::DemoDataGenerator(quint64 seed)
    : m_seed(seed)
    , m_key(mix64(seed ^ 0x5DEECE66DA3B9F21ull))
{}

qint64 DemoDataGenerator::companyCount() const
{
    return tables().companyTotal;
}

QString DemoDataGenerator::companyName(qint64 companyIndex) const
{
    return makeCompany(m_key, companyIndex).name;
}

DemoContact DemoDataGenerator::contact(qint64 index) const
{
    const Tables& t = tables();
    const quint64 key = mix64(m_key ^ mix64(static_cast<quint64>(index) + 0x2545F4914F6CDD1Dull));
    DemoContact c;

    // Who: country, gender, names.
    Rng person(key, Stream::Person);
    const Locale& l = t.localeForWeight(static_cast<int>(person.below(static_cast<quint32>(t.totalWeight))));
    const bool female = person.chance(50);
    const QList<Word>& firsts = female ? l.female : l.male;
    const Word& first = firsts[person.skewed(firsts.size(), 1.4)];
    const LastName& ln = l.lastNames[person.skewed(l.lastNames.size(), l.spec->lastNameSkew)];
    const Word& last = female ? ln.female : ln.male;
    c.firstName = first.text;
    if (person.chance(l.spec->doubleSurnamePercent)) {
        const LastName& second = l.lastNames[person.skewed(l.lastNames.size(), l.spec->lastNameSkew)];
        const Word& w = female ? second.female : second.male;
        c.lastName = w.text != last.text ? QString(last.text % QLatin1Char(' ') % w.text) : last.text;
    } else {
        c.lastName = last.text;
    }
    c.country = l.country;

    // Where: bigger cities are listed first and drawn more often.
    Rng address(key, Stream::Address);
    const City& city = l.cities[address.skewed(l.cities.size(), 1.4)];
    c.city = city.name;
    c.postalCode = postalCode(l, city, address);
    c.street = streetLine(l, address);

    // Employer: a company of the same country; a few large employers, a long tail of small ones.
    Rng company(key, Stream::Company);
    QString companyDomain;
    if (company.chance(kCompanyPercent)) {
        // u^2.5: in 10,000 people ~60% of employers are distinct; in 1,000,000 the largest has a few %.
        const double u = company.unit();
        const double skewed = u * u * std::sqrt(u);
        c.companyIndex =
            l.companyBase +
            std::min(static_cast<qint64>(static_cast<double>(l.companyCount) * skewed), l.companyCount - 1);
        CompanyParts parts = makeCompany(m_key, c.companyIndex);
        c.company = std::move(parts.name);
        companyDomain = std::move(parts.domain);
    }

    Rng email(key, Stream::Email);
    if (!email.chance(kMissingEmailPercent)) {
        const bool work = !companyDomain.isEmpty() && email.chance(45);
        c.email = emailAddress(first, last, work ? &companyDomain : nullptr, l, email);
    }

    Rng phone(key, Stream::Phone);
    if (!phone.chance(kMissingPhonePercent)) {
        QString p;
        p.reserve(24);
        const auto& mobiles = l.spec->mobilePatterns;
        if (mobiles.empty() || phone.chance(l.spec->landlinePercent)) {
            p.append(l.callingCode);
            p.append(QLatin1Char(' '));
            appendPhonePattern(p, city.spec->landline, city.spec->landline, phone);
        } else {
            appendPhonePattern(p, mobiles[phone.below(static_cast<quint32>(mobiles.size()))],
                               city.spec->landline, phone);
        }
        c.phone = std::move(p);
    }

    Rng note(key, Stream::Notes);
    c.notes = notes(l, note);

    // When: the five years before the anchor, growing towards the present, during working hours (UTC).
    Rng created(key, Stream::Created);
    const auto daysBack = static_cast<qint64>(kHistoryDays * (1.0 - std::sqrt(created.unit())));
    c.createdAtMs = kAnchorMs - (daysBack + 1) * kDayMs + qint64(created.range(6, 19)) * 3'600'000 +
                    qint64(created.below(3'600'000u));
    return c;
}

QString DemoDataGenerator::asciiFold(const QString& text)
{
    const auto isAscii = [](QStringView s) {
        for (const QChar c : s) {
            if (c.unicode() >= 0x80)
                return false;
        }
        return true;
    };
    if (isAscii(text))
        return text;

    // 1) Compose, so "u" + U+0308 is treated like "ü". 2) Transliterate what must not just lose its
    // marks, and letters NFKD cannot decompose. 3) Decompose and keep ASCII only.
    const QString s = text.normalized(QString::NormalizationForm_C);
    QString mapped;
    mapped.reserve(s.size() + 8);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        // Upper-case digraphs stay all-caps inside an all-caps word ("MÜLLER" → "MUELLER").
        const auto upper = [&](QLatin1String mixed, QLatin1String caps) {
            const bool nextUpper = i + 1 < s.size() && s.at(i + 1).isUpper();
            const bool prevUpper = i > 0 && s.at(i - 1).isUpper();
            const bool nextLetter = i + 1 < s.size() && s.at(i + 1).isLetter();
            mapped.append(nextUpper || (prevUpper && !nextLetter) ? caps : mixed);
        };
        switch (u) {
        case u'ä':
            mapped.append(QLatin1String("ae"));
            break;
        case u'ö':
            mapped.append(QLatin1String("oe"));
            break;
        case u'ü':
            mapped.append(QLatin1String("ue"));
            break;
        case u'Ä':
            upper(QLatin1String("Ae"), QLatin1String("AE"));
            break;
        case u'Ö':
            upper(QLatin1String("Oe"), QLatin1String("OE"));
            break;
        case u'Ü':
            upper(QLatin1String("Ue"), QLatin1String("UE"));
            break;
        case u'ß':
            mapped.append(QLatin1String("ss"));
            break;
        case u'ẞ':
            mapped.append(QLatin1String("SS"));
            break;
        case u'æ':
            mapped.append(QLatin1String("ae"));
            break;
        case u'Æ':
            upper(QLatin1String("Ae"), QLatin1String("AE"));
            break;
        case u'œ':
            mapped.append(QLatin1String("oe"));
            break;
        case u'Œ':
            upper(QLatin1String("Oe"), QLatin1String("OE"));
            break;
        case u'þ':
            mapped.append(QLatin1String("th"));
            break;
        case u'Þ':
            upper(QLatin1String("Th"), QLatin1String("TH"));
            break;
        case u'ø':
            mapped.append(QLatin1Char('o'));
            break;
        case u'Ø':
            mapped.append(QLatin1Char('O'));
            break;
        case u'ł':
            mapped.append(QLatin1Char('l'));
            break;
        case u'Ł':
            mapped.append(QLatin1Char('L'));
            break;
        case u'đ':
        case u'ð':
            mapped.append(QLatin1Char('d'));
            break;
        case u'Đ':
        case u'Ð':
            mapped.append(QLatin1Char('D'));
            break;
        case u'ı':
            mapped.append(QLatin1Char('i'));
            break;
        case u'ħ':
            mapped.append(QLatin1Char('h'));
            break;
        case u'Ħ':
            mapped.append(QLatin1Char('H'));
            break;
        case u'ŧ':
            mapped.append(QLatin1Char('t'));
            break;
        case u'Ŧ':
            mapped.append(QLatin1Char('T'));
            break;
        case u'‘':
        case u'’':
        case u'‚':
        case u'‛':
        case u'′':
        case u'ʼ':
            mapped.append(QLatin1Char('\''));
            break;
        case u'“':
        case u'”':
        case u'„':
        case u'«':
        case u'»':
        case u'″':
            mapped.append(QLatin1Char('"'));
            break;
        case u'‐':
        case u'‑':
        case u'‒':
        case u'–':
        case u'—':
        case u'−':
            mapped.append(QLatin1Char('-'));
            break;
        default:
            mapped.append(QChar(u));
        }
    }
    if (isAscii(mapped))
        return mapped;
    const QString decomposed = mapped.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.unicode() < 0x80)
            out.append(c);
    }
    return out;
}

} // namespace outpost
