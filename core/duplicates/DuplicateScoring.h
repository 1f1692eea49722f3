#pragma once

#include <QCoreApplication>
#include <QFlags>
#include <QString>
#include <QStringList>
#include <string>
#include <string_view>

namespace outpost {

struct Contact;

// Why two contacts look like the same person (or not).
enum class DuplicateReason : quint32
{
    SameEmail = 1u << 0,   // the same address, ignoring case and surrounding spaces
    SamePhone = 1u << 1,   // the same national number (and no different country code)
    SameName = 1u << 2,    // the same folded name, ignoring case, accents, spacing and punctuation
    SwappedName = 1u << 3, // first and last name exchanged
    SimilarName = 1u << 4, // Jaro-Winkler of the folded names at least kSimilarName
    SameCompany = 1u << 5, // the same folded company name, ignoring legal forms (GmbH, Ltd, …)
    SimilarCompany = 1u << 6,
    SameAddress = 1u << 7,    // the same street and postal code
    DifferentEmail = 1u << 8, // both have one, and they differ
    DifferentPhone = 1u << 9,
    DifferentCompany = 1u << 10,
    DifferentName = 1u << 11, // both have a name, and they are far apart
};
Q_DECLARE_FLAGS(DuplicateReasons, DuplicateReason)
Q_DECLARE_OPERATORS_FOR_FLAGS(DuplicateReasons)

// The parts of a contact that duplicate detection compares, normalised once: names and company as compact
// folded UTF-8 (letters and digits only: "Jean-Pierre  O'Neil" -> "jeanpierre", "oneil"), and the e-mail
// address, phone number and street address as 64-bit keys (0 = none).
struct DuplicateFeatureView
{
    std::string_view first;
    std::string_view last;
    std::string_view company;
    quint64 email = 0;
    quint64 phone = 0;       // national significant digits (ImportValues::phoneKey)
    quint64 address = 0;     // postal code + street
    quint16 callingCode = 0; // when the number was written with one (+49 / 0049); 0 = not known
};

struct DuplicateFeatures
{
    std::string first;
    std::string last;
    std::string company;
    quint64 email = 0;
    quint64 phone = 0;
    quint64 address = 0;
    quint16 callingCode = 0;

    static DuplicateFeatures of(const Contact& c);
    static DuplicateFeatures of(const QString& firstName, const QString& lastName, const QString& email,
                                const QString& phone, const QString& company, const QString& street,
                                const QString& postalCode);
    DuplicateFeatureView view() const { return {first, last, company, email, phone, address, callingCode}; }
};

// How alike two contacts are: a score from 0 to 100 and the reasons behind it.
struct DuplicateMatch
{
    int score = 0;
    DuplicateReasons reasons;
    int nameSimilarity = 0; // percent (Jaro-Winkler of the folded names); 100 for the same name
};

// Scores pairs of contacts. Evidence adds up and conflicting evidence subtracts:
//   same e-mail +50 (both have different ones −10); same phone +40 (different −5);
//   same name +40, similar name (Jaro-Winkler ≥ 0.85) up to +35, very different names (< 0.70, or given
//   names < 0.75 apart that are not an initial or short form of each other) −40;
//   same company +15, similar +8 (different −5); same street and postal code +20; clamped to 0…100.
// So one shared identifier plus the same name is 90; a name with a typo needs a company or an address
// besides to reach the default threshold; two people who only share a common name stay far below it.
class DuplicateScoring
{
    Q_DECLARE_TR_FUNCTIONS(DuplicateScoring)
public:
    static constexpr int kDefaultMinScore = 50; // reported as a candidate from here
    static constexpr int kConfidentScore = 85;  // merged by "merge all confident pairs" from here
    static constexpr double kSimilarName = 0.85;
    static constexpr double kDifferentName = 0.70;
    static constexpr double kDifferentGivenName = 0.75; // two given names this far apart are two people
    static constexpr double kSimilarCompany = 0.92;

    static DuplicateMatch match(const DuplicateFeatureView& a, const DuplicateFeatureView& b);
    // A bound match(a, b).score never exceeds, computed without the string similarities: a scan skips pairs
    // that cannot reach its threshold (most pairs of a block of namesakes) before paying for Jaro-Winkler.
    static int upperBound(const DuplicateFeatureView& a, const DuplicateFeatureView& b);
    static DuplicateMatch match(const Contact& a, const Contact& b);

    // The reasons as short translated phrases, evidence for first ("Same e-mail address", "Similar names
    // (94%)", …, "Different companies").
    static QStringList describe(DuplicateReasons reasons, int nameSimilarity);

    // Normalisation (public for tests and for the scanner's blocking keys).
    static std::string compactText(const QString& text);   // folded, letters and digits only, UTF-8
    static std::string companyKey(const QString& company); // compactText without trailing legal forms
    static quint64 emailKey(const QString& email);         // 0 = none
    static quint64 hashBytes(std::string_view bytes);      // never 0
};

} // namespace outpost
