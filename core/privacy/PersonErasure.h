#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace outpost {

class Database;
class MutationEngine;
class MutationRegistry;

// Erasing a person (GDPR art. 17) without losing the business: their personal fields (personalData()) are
// replaced by a pseudonym or emptied, in their rows AND in every local copy — audit payloads (redacted, the
// hash chain keeps verifying: see AuditEntry), import and merge history, pending outbox entries, refused
// changes, sync conflicts, and the full-text index, whose segments are merged so no old term survives. Linked
// business records (distributor rows, shares, consents, orders …) stay, under the pseudonym.
//
// contact.erase@1 { id, erasureId, pseudonym }  — a mutation, so it syncs: the server erases its own copies the
// same way, and every other device scrubs its copies when the erasure record (entity "erasure") reaches it.
// A contact that was deleted before may be erased too (its history still holds its values).
//
// Freed database space: connections run with secure_delete (cleared cells and pages); after the erase commits,
// call finishOnDisk() so the write-ahead log, which still holds the old pages, is checkpointed and truncated.
void registerErasureMutators(MutationRegistry& registry);

class PersonErasure
{
    Q_DECLARE_TR_FUNCTIONS(PersonErasure)
public:
    static constexpr const char* kMutation = "contact.erase";

    // A fresh pseudonym, e.g. "Erased-7F3A9C21" (not derived from anything about the person).
    static QString newPseudonym();

    struct Report
    {
        QList<qint64> auditRedacted;   // audit entries whose payloads were redacted
        int historyRowsScrubbed = 0;   // import/merge history, outbox, refused changes, conflicts
        int rowsPseudonymised = 0;     // the contact and linked records
        bool nothingFound = false;     // no row and no history of this person here
    };

    struct Request
    {
        QString contactId;
        QString erasureId;
        QString pseudonym;
        QString mutationId; // the contact.erase mutation (named by the redacted audit entries)
        qint64 nowMs = 0;
        QString actor;
    };
    // Scrubs everything this database holds about the person, inside the caller's transaction, and records the
    // erasure row. Rows changed are reported through `changed(entity, id, after)` so a mutator can audit them.
    static Result<Report> scrub(QSqlDatabase& db, const Request& request,
                                const std::function<void(const QString&, const QString&, const QJsonObject&)>& changed);

    // After the erase committed: checkpoint and truncate the write-ahead log (it still holds the pages as they
    // were before). Best effort while other connections read: returns what SQLite said.
    static Status finishOnDisk(Database& db);

    // What the desktop and the CLI do: submit contact.erase with a fresh pseudonym, then finishOnDisk().
    // Returns the pseudonym. A failed checkpoint does not undo the erase; it is reported in `diskWarning`.
    static Result<QString> erase(Database& db, MutationEngine& engine, const QString& contactId,
                                 QString* diskWarning = nullptr);
};

} // namespace outpost
