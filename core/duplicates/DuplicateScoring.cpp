#include "duplicates/DuplicateScoring.h"

#include "contacts/Contact.h"
#include "duplicates/JaroWinkler.h"
#include "importexport/ImportValues.h"
#include "util/TextFold.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <QSet>

namespace outpost {

namespace {

// Words at the end of a company name that say what kind of company it is, not which one.
const QSet<QString>& legalForms()
{
    static const QSet<QString> forms = {
        QStringLiteral("gmbh"),         QStringLiteral("mbh"),  QStringLiteral("ag"),
        QStringLiteral("kg"),           QStringLiteral("kgaa"), QStringLiteral("ohg"),
        QStringLiteral("ug"),           QStringLiteral("ev"),   QStringLiteral("co"),
        QStringLiteral("cie"),          QStringLiteral("ltd"),  QStringLiteral("limited"),
        QStringLiteral("llc"),          QStringLiteral("llp"),  QStringLiteral("inc"),
        QStringLiteral("incorporated"), QStringLiteral("corp"), QStringLiteral("corporation"),
        QStringLiteral("plc"),          QStringLiteral("sa"),   QStringLiteral("sas"),
        QStringLiteral("sarl"),         QStringLiteral("srl"),  QStringLiteral("spa"),
        QStringLiteral("sl"),           QStringLiteral("slu"),  QStringLiteral("bv"),
        QStringLiteral("nv"),           QStringLiteral("ab"),   QStringLiteral("as"),
        QStringLiteral("asa"),          QStringLiteral("oy"),   QStringLiteral("oyj"),
        QStringLiteral("kft"),          QStringLiteral("zrt"),  QStringLiteral("nyrt"),
        QStringLiteral("bt"),           QStringLiteral("sro"),  QStringLiteral("spzoo"),
        QStringLiteral("sp"),           QStringLiteral("zoo"),  QStringLiteral("ltda"),
        QStringLiteral("eireli"),       QStringLiteral("cv"),   QStringLiteral("sapi"),
        QStringLiteral("de"),           QStringLiteral("und"),  QStringLiteral("and"),
        QStringLiteral("et"),           QStringLiteral("y"),    QStringLiteral("e"),
        QStringLiteral("ve"),           QStringLiteral("tic"),  QStringLiteral("ltdsti"),
        QStringLiteral("sti"),
    };
    return forms;
}

bool isAscii(const QString& s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// "a" + "b" == "c" + "d" without building either string.
bool concatEquals(std::string_view a1, std::string_view a2, std::string_view b1, std::string_view b2)
{
    if (a1.size() + a2.size() != b1.size() + b2.size())
        return false;
    auto at = [](std::string_view x, std::string_view y, size_t i) {
        return i < x.size() ? x[i] : y[i - x.size()];
    };
    const size_t n = a1.size() + a2.size();
    for (size_t i = 0; i < n; ++i) {
        if (at(a1, a2, i) != at(b1, b2, i))
            return false;
    }
    return true;
}

// "first last" into a fixed buffer (the pieces are at most a few hundred bytes; longer ones are cut).
struct Joined
{
    std::array<char, 2 * 256 + 1> buf; // filled up to `size` only: no need to clear it first
    size_t size = 0;
    Joined(std::string_view x, std::string_view y)
    {
        append(x);
        if (!x.empty() && !y.empty())
            buf[size++] = ' ';
        append(y);
    }
    void append(std::string_view s)
    {
        const size_t n = std::min<size_t>(s.size(), 256);
        std::copy_n(s.data(), n, buf.data() + size);
        size += n;
    }
    std::string_view view() const { return {buf.data(), size}; }
};

// One is the start of the other (an initial, a short form).
bool isPrefix(std::string_view x, std::string_view y)
{
    return x.size() <= y.size() ? y.substr(0, x.size()) == x : x.substr(0, y.size()) == y;
}

} // namespace

std::string DuplicateScoring::compactText(const QString& text)
{
    std::string out;
    if (isAscii(text)) {
        out.reserve(static_cast<size_t>(text.size()));
        for (QChar c : text) {
            const char ch = static_cast<char>(c.unicode());
            if (ch >= 'A' && ch <= 'Z')
                out += static_cast<char>(ch - 'A' + 'a');
            else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                out += ch;
        }
        return out;
    }
    const QString folded = foldText(text);
    QString kept;
    kept.reserve(folded.size());
    for (qsizetype i = 0; i < folded.size(); ++i) {
        const QChar c = folded.at(i);
        if (c.isHighSurrogate() && i + 1 < folded.size()) {
            const char32_t cp = QChar::surrogateToUcs4(c, folded.at(i + 1));
            if (QChar::isLetterOrNumber(cp))
                kept.append(c).append(folded.at(i + 1));
            ++i;
        } else if (c.isLetterOrNumber()) {
            kept.append(c);
        }
    }
    const QByteArray utf8 = kept.toUtf8();
    return std::string(utf8.constData(), static_cast<size_t>(utf8.size()));
}

std::string DuplicateScoring::companyKey(const QString& company)
{
    if (company.trimmed().isEmpty())
        return {};
    // Split into folded words, drop legal forms (and stray initials) from the end, keep at least one word.
    const QString folded = foldText(company);
    QStringList words;
    QString word;
    for (QChar c : folded) {
        if (c.isLetterOrNumber()) {
            word += c;
        } else if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        words << word;
    while (words.size() > 1 && (legalForms().contains(words.last()) || words.last().size() == 1))
        words.removeLast();
    return compactText(words.join(QString()));
}

quint64 DuplicateScoring::hashBytes(std::string_view bytes)
{
    quint64 h = 0xcbf29ce484222325ull; // FNV-1a, then a full-avalanche finaliser
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h == 0 ? 1 : h;
}

quint64 DuplicateScoring::emailKey(const QString& email)
{
    const QString e = ImportValues::cleanEmail(email).toCaseFolded();
    if (e.isEmpty())
        return 0;
    const QByteArray utf8 = e.toUtf8();
    return hashBytes(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

DuplicateFeatures DuplicateFeatures::of(const Contact& c)
{
    return of(c.firstName, c.lastName, c.email, c.phone, c.company, c.street, c.postalCode);
}

DuplicateFeatures DuplicateFeatures::of(const QString& firstName, const QString& lastName,
                                        const QString& email, const QString& phone, const QString& company,
                                        const QString& street, const QString& postalCode)
{
    DuplicateFeatures f;
    f.first = DuplicateScoring::compactText(firstName);
    f.last = DuplicateScoring::compactText(lastName);
    f.company = DuplicateScoring::companyKey(company);
    f.email = DuplicateScoring::emailKey(email);
    if (!phone.trimmed().isEmpty()) {
        const QString key = ImportValues::phoneKey(phone);
        if (!key.isEmpty()) {
            const QByteArray k = key.toLatin1();
            f.phone =
                DuplicateScoring::hashBytes(std::string_view(k.constData(), static_cast<size_t>(k.size())));
            const QString trimmed = phone.trimmed();
            if (trimmed.startsWith(QLatin1Char('+')) || trimmed.startsWith(QLatin1String("00"))) {
                // phoneSearchFor lists the international digits first, then the national number.
                const QStringList forms =
                    Contact::phoneSearchFor(ImportValues::cleanPhone(phone)).split(QLatin1Char(' '));
                if (forms.size() >= 2 && forms.at(0).endsWith(forms.at(1)))
                    f.callingCode = static_cast<quint16>(
                        forms.at(0).left(forms.at(0).size() - forms.at(1).size()).toUInt());
            }
        }
    }
    const std::string postal = DuplicateScoring::compactText(postalCode);
    const std::string streetKey = DuplicateScoring::compactText(street);
    if (!postal.empty() && !streetKey.empty())
        f.address = DuplicateScoring::hashBytes(postal + '|' + streetKey);
    return f;
}

int DuplicateScoring::upperBound(const DuplicateFeatureView& a, const DuplicateFeatureView& b)
{
    // What match() can give at most, from the comparisons that cost nothing; the name and company
    // similarities (Jaro-Winkler) are taken at their best.
    int bound = 0;
    if (a.email && b.email)
        bound += a.email == b.email ? 50 : -10;
    if (a.phone && b.phone)
        bound += a.phone == b.phone ? 40 : -5;
    if (a.address && a.address == b.address)
        bound += 20;
    const bool aName = !a.first.empty() || !a.last.empty();
    const bool bName = !b.first.empty() || !b.last.empty();
    const bool companies = !a.company.empty() && !b.company.empty();
    if (aName && bName) {
        const bool same =
            concatEquals(a.first, a.last, b.first, b.last) || (a.first == b.last && a.last == b.first);
        bound += same ? 40 : 35;
        if (companies)
            bound += a.company == b.company ? 15 : 8;
    } else if (!aName && !bName && companies) {
        bound += a.company == b.company ? 55 : 43;
    } else if (companies) {
        bound += a.company == b.company ? 15 : 8;
    }
    return std::clamp(bound, 0, 100);
}

DuplicateMatch DuplicateScoring::match(const Contact& a, const Contact& b)
{
    const DuplicateFeatures fa = DuplicateFeatures::of(a);
    const DuplicateFeatures fb = DuplicateFeatures::of(b);
    return match(fa.view(), fb.view());
}

DuplicateMatch DuplicateScoring::match(const DuplicateFeatureView& a, const DuplicateFeatureView& b)
{
    DuplicateMatch m;
    int score = 0;
    if (a.email && b.email) {
        if (a.email == b.email) {
            score += 50;
            m.reasons |= DuplicateReason::SameEmail;
        } else {
            score -= 10;
            m.reasons |= DuplicateReason::DifferentEmail;
        }
    }
    if (a.phone && b.phone) {
        if (a.phone == b.phone && !(a.callingCode && b.callingCode && a.callingCode != b.callingCode)) {
            score += 40;
            m.reasons |= DuplicateReason::SamePhone;
        } else {
            score -= 5;
            m.reasons |= DuplicateReason::DifferentPhone;
        }
    }

    const bool aName = !a.first.empty() || !a.last.empty();
    const bool bName = !b.first.empty() || !b.last.empty();
    const bool companies = !a.company.empty() && !b.company.empty();
    bool companyCompared = false;
    if (aName && bName) {
        if (concatEquals(a.first, a.last, b.first, b.last)) {
            score += 40;
            m.nameSimilarity = 100;
            m.reasons |= DuplicateReason::SameName;
        } else if (a.first == b.last && a.last == b.first) {
            score += 40;
            m.nameSimilarity = 100;
            m.reasons |= DuplicateReason::SameName | DuplicateReason::SwappedName;
        } else {
            const Joined fa(a.first, a.last);
            const double direct = jaroWinklerUtf8(fa.view(), Joined(b.first, b.last).view());
            const double swapped = jaroWinklerUtf8(fa.view(), Joined(b.last, b.first).view());
            const double jw = std::max(direct, swapped);
            m.nameSimilarity = static_cast<int>(std::lround(jw * 100));
            // Family members share a surname: their whole names can look alike while the given names are
            // plainly different ("Hans Brückner", "Gretel Brückner"). An initial or a short form is no
            // difference ("J.", "Chris" for "Christopher").
            const std::string_view otherFirst = swapped > direct ? b.last : b.first;
            const bool givenNamesDiffer = !a.first.empty() && !otherFirst.empty() && !a.last.empty() &&
                                          !b.last.empty() && !b.first.empty() &&
                                          !isPrefix(a.first, otherFirst) &&
                                          jaroWinklerUtf8(a.first, otherFirst) < kDifferentGivenName;
            if (jw >= kSimilarName && !givenNamesDiffer) {
                score += static_cast<int>(std::lround(35 * (jw - kSimilarName) / (1 - kSimilarName)));
                m.reasons |= DuplicateReason::SimilarName;
                if (swapped > direct)
                    m.reasons |= DuplicateReason::SwappedName;
            } else if (jw < kDifferentName || givenNamesDiffer) {
                score -= 40;
                m.reasons |= DuplicateReason::DifferentName;
            }
        }
    } else if (!aName && !bName && companies) {
        // Company records: the company name is who they are.
        companyCompared = true;
        if (a.company == b.company) {
            score += 55;
            m.nameSimilarity = 100;
            m.reasons |= DuplicateReason::SameCompany;
        } else {
            const double jw = jaroWinklerUtf8(a.company, b.company);
            m.nameSimilarity = static_cast<int>(std::lround(jw * 100));
            if (jw >= kSimilarCompany) {
                score +=
                    8 + static_cast<int>(std::lround(35 * (jw - kSimilarCompany) / (1 - kSimilarCompany)));
                m.reasons |= DuplicateReason::SimilarCompany;
            } else {
                score -= 45;
                m.reasons |= DuplicateReason::DifferentCompany;
            }
        }
    }
    if (companies && !companyCompared) {
        if (a.company == b.company) {
            score += 15;
            m.reasons |= DuplicateReason::SameCompany;
        } else if (jaroWinklerUtf8(a.company, b.company) >= kSimilarCompany) {
            score += 8;
            m.reasons |= DuplicateReason::SimilarCompany;
        } else {
            score -= 5;
            m.reasons |= DuplicateReason::DifferentCompany;
        }
    }
    if (a.address && a.address == b.address) {
        score += 20;
        m.reasons |= DuplicateReason::SameAddress;
    }
    m.score = std::clamp(score, 0, 100);
    return m;
}

QStringList DuplicateScoring::describe(DuplicateReasons reasons, int nameSimilarity)
{
    QStringList out;
    if (reasons & DuplicateReason::SameEmail)
        out << tr("Same e-mail address");
    if (reasons & DuplicateReason::SamePhone)
        out << tr("Same phone number");
    if ((reasons & DuplicateReason::SameName) && (reasons & DuplicateReason::SwappedName))
        out << tr("Same name, first and last name swapped");
    else if (reasons & DuplicateReason::SameName)
        out << tr("Same name");
    else if ((reasons & DuplicateReason::SimilarName) && (reasons & DuplicateReason::SwappedName))
        out << tr("Similar names, swapped (%1% alike)").arg(nameSimilarity);
    else if (reasons & DuplicateReason::SimilarName)
        out << tr("Similar names (%1% alike)").arg(nameSimilarity);
    if (reasons & DuplicateReason::SameCompany)
        out << tr("Same company");
    else if (reasons & DuplicateReason::SimilarCompany)
        out << tr("Similar company names");
    if (reasons & DuplicateReason::SameAddress)
        out << tr("Same street address");
    if (reasons & DuplicateReason::DifferentName)
        out << tr("Different names");
    if (reasons & DuplicateReason::DifferentEmail)
        out << tr("Different e-mail addresses");
    if (reasons & DuplicateReason::DifferentPhone)
        out << tr("Different phone numbers");
    if (reasons & DuplicateReason::DifferentCompany)
        out << tr("Different companies");
    return out;
}

} // namespace outpost
