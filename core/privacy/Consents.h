#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace outpost {

class MutationRegistry;

// A person's consent to one purpose (newsletter, phone calls, data sharing with the upline …): where it was
// given, when, until when, and when it was withdrawn. A synced record of its own, audited like every change.
struct Consent
{
    QString id;
    QString contactId;
    QString purpose;
    QString source;
    qint64 givenAt = 0;
    std::optional<qint64> withdrawnAt;
    std::optional<qint64> expiresAt;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    enum class State { Active, Withdrawn, Expired };
    State stateAt(qint64 nowMs) const;

    QJsonObject toJson() const; // wire/audit form: id-less fields, times as numbers, absent = null
};

// consent.give@1     { id, contactId, purpose, source, givenAt, expiresAt? }   create with a given id; replay-safe
// consent.update@1   { id, set: { purpose?, source?, givenAt?, expiresAt? (null clears) } }
// consent.withdraw@1 { id, withdrawnAt }     withdrawing again keeps the first time
void registerConsentMutators(MutationRegistry& registry);

class Consents
{
    Q_DECLARE_TR_FUNCTIONS(Consents)
public:
    // A contact's consents, newest given first.
    static Result<QList<Consent>> forContact(QSqlDatabase& db, const QString& contactId);
    static Result<std::optional<Consent>> find(QSqlDatabase& db, const QString& id);
    // Makes the row equal `c` (sync); inserts or replaces.
    static Status write(QSqlDatabase& db, const Consent& c);
    static QString stateName(Consent::State state); // translated, for display
};

} // namespace outpost
