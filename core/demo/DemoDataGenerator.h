#pragma once

#include <QString>
#include <QtGlobal>

namespace outpost {

// One made-up person for demo databases, screenshots and load tests.
struct DemoContact
{
    QString firstName;  // given name(s); for Vietnamese people the middle + given name ("Thị Lan")
    QString lastName;   // family name; Spanish/Mexican people often carry two ("García López")
    QString email;      // ASCII; empty for a few percent of people
    QString phone;      // international format with the country code ("+49 170 1234567"); sometimes empty
    QString company;    // empty for about a quarter of people
    QString street;     // street line in the country's own order ("Hauptstraße 12", "12 rue Pasteur")
    QString postalCode; // in the country's format ("10115", "00-950", "SW1A 2AA")
    QString city;
    QString country;          // ISO 3166-1 alpha-2
    QString notes;            // zero to two short sentences
    qint64 createdAtMs = 0;   // UTC epoch ms within the five years before 2026-01-01T00:00Z
    qint64 companyIndex = -1; // index for companyName(), or -1 when company is empty
};

// Deterministic generator of realistic, international demo contacts.
//
// contact(index) is a pure function of (seed, index): every field is drawn from a counter-based
// splitmix64 stream keyed by the seed, the index and the field, so any range of indexes can be generated
// in any order, resumed after a crash, or split across threads, and always gives the same people.
// The object holds no mutable state; all methods are const and thread-safe. The lookup tables are built
// once per process on first use.
//
// People come from 17 weighted locales (de-DE, fr-FR, es-ES, es-MX, it-IT, pt-BR, pl-PL, cs-CZ, tr-TR,
// sv-SE, nb-NO, nl-NL, vi-VN, en-US, en-GB, ro-RO, hu-HU) with their real spelling, real cities with
// matching postal codes and landline area codes, and companies from a shared pool of companyCount()
// firms. Phone numbers use the numbering ranges reserved for fiction where a country has them (GB, US,
// FR); e-mail addresses use real free-mail domains or made-up company domains — never send mail to them.
class DemoDataGenerator
{
public:
    explicit DemoDataGenerator(quint64 seed);

    DemoContact contact(qint64 index) const;

    // Name of a company of the shared pool; companyIndex is taken modulo companyCount().
    QString companyName(qint64 companyIndex) const;
    qint64 companyCount() const;

    quint64 seed() const { return m_seed; }

    // Folds text to ASCII for e-mail local parts and search keys. German umlauts are transliterated
    // (ä→ae, ö→oe, ü→ue, so "Müller" becomes "Mueller"), ß→ss, letters without a decomposition are mapped
    // (ł→l, đ→d, ø→o, æ→ae, œ→oe, þ→th, ı→i), all other diacritics are stripped after NFKD decomposition
    // ("Łódź"→"Lodz", "Nguyễn"→"Nguyen"), typographic quotes and dashes become ASCII ones, and anything
    // left that has no ASCII form (other scripts, emoji) is dropped. Case is kept. Input in NFC or NFD
    // gives the same result.
    static QString asciiFold(const QString& text);

private:
    quint64 m_seed;
    quint64 m_key; // the seed, mixed once
};

} // namespace outpost
