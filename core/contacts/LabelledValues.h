#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace outpost {

// The e-mails, phones and addresses a contact has besides its primary ones, each with a label ("work",
// "home", "mobile", "other", or the user's own word). Stored and synced as compact JSON arrays in the
// contact's otherEmails / otherPhones / otherAddresses fields ("" when there are none).
struct LabelledValue
{
    QString label;
    QString value;
    bool operator==(const LabelledValue&) const = default;
};

struct LabelledAddress
{
    QString label;
    QString street;
    QString postalCode;
    QString city;
    QString country; // ISO 3166-1 alpha-2
    bool operator==(const LabelledAddress&) const = default;
};

class LabelledValues
{
    Q_DECLARE_TR_FUNCTIONS(LabelledValues)
public:
    // The suggested labels (the wire words); any other short word is a custom label.
    static const QStringList& standardLabels();

    // Lenient reads for display and search: a malformed text reads as no entries.
    static QList<LabelledValue> values(const QString& json);
    static QList<LabelledAddress> addresses(const QString& json);

    static QString toJson(const QList<LabelledValue>& values);
    static QString toJson(const QList<LabelledAddress>& addresses);

    // Checks a field's text (otherEmails, otherPhones or otherAddresses) and returns its canonical form
    // (compact JSON, empty entries dropped, "" for none), or a user-readable problem in *problem.
    static QString normalize(const QString& field, const QString& text, QString* problem);
};

} // namespace outpost
