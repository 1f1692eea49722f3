#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost {

// A prospect not yet in the contacts: who they are (own fields, so a web form or a purchased list does not fill
// the contact list and the duplicate scan with people nobody has talked to), where they came from, who works
// them, and how far they are. `contactId` links a lead to an existing contact (a known person showing new
// interest) and is set by conversion; activities logged on that contact count towards the lead's score.
// Synced as entity "lead"; the JSON names below are its audit, sync and mutation argument names.
struct Lead
{
    Q_DECLARE_TR_FUNCTIONS(Lead)
public:
    QString id;
    QHash<QString, QString> fields; // editable fields by wire name (fieldNames()); missing = empty
    QString status = QStringLiteral("new"); // new | mql | sql | converted | disqualified
    bool statusByHand = false;              // false: an open lead's status follows its score (thresholds)
    QString disqualifyReason;
    qint64 convertedAt = 0;
    QString convertedContactId;
    QString convertedCompanyId;
    QString convertedDealId;

    // firstName, lastName, email, phone, company, jobTitle, country, source, ownerId, contactId, notes
    static const QStringList& fieldNames();
    static const QStringList& statuses();
    QString field(const QString& name) const { return fields.value(name); }
    QString displayName() const;
    bool isClosed() const { return status == QLatin1String("converted") || status == QLatin1String("disqualified"); }

    // Every field and the status columns (what the audit and the codec carry).
    QJsonObject toJson() const;
    static Result<Lead> fromJson(const QString& id, const QJsonObject& o); // the codec's reader

    static QString statusLabel(const QString& status);
    // What the user calls a field ("Job title").
    static QString fieldLabel(const QString& field);
    // A user-readable problem with one field's value, or an empty string.
    static QString problemWith(const QString& field, const QString& value);
};

struct StoredLead
{
    Lead lead;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};

namespace leadsql {
// A failed query's error carries the database's message only; the caller says what it was doing.
Result<std::optional<StoredLead>> load(QSqlDatabase& db, const QString& id);
// Inserts the row or sets every column of the existing one.
Status write(QSqlDatabase& db, const Lead& l, qint64 createdAt, qint64 updatedAt, const QString& updatedBy);
Status remove(QSqlDatabase& db, const QString& id);
// The columns of Lead::fieldNames(), in order.
const QStringList& fieldColumns();
} // namespace leadsql

} // namespace outpost
