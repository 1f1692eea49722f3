#pragma once

// The /v1/ sync protocol's messages and their JSON form, shared by the client and the server. Parsing
// is strict: a missing or mistyped field is an InvalidArgument error naming the field, so a malformed
// request becomes a 400 with a reason instead of a half-understood change.

#include "mutations/Mutation.h"
#include "replication/RowCodec.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace outpost::wire {

inline constexpr int kProtocolVersion = 1;
inline constexpr int kMaxMutationsPerPush = 1000;
inline constexpr int kMaxPullPage = 5000;
inline constexpr int kMaxSnapshotPage = 20000;
// A push entry that withdraws the device's change of that sequence number: one the server will never
// accept because its request alone is larger than the server's body limit (413). It carries no arguments
// (only {"name": "contact.update@1", "bytes": N} of the change, for the record) and its `touched` rows without their
// base; the server refuses it ("too_large") with the rows to restore, and settles the number as usual.
// A server that predates it refuses it as an unknown change, with the same restore.
inline constexpr const char* kWithdrawnMutation = "sync.withdrawn";

struct PushRequest
{
    QString deviceId;
    QList<Mutation> mutations; // in sequence order; Mutation::touched carries each one's base
};

// A field the mutation overwrote although the pushing device had not seen its current value.
struct ConflictInfo
{
    QString id;          // conflict record id (UUIDv7); synced as entity "conflict"
    QString entity;
    QString entityId;
    QString field;
    QJsonValue mine;     // the value that won (this mutation's)
    QJsonValue theirs;   // the value it replaced
    QJsonValue base;     // what the pushing device saw before its edit
};

using RowState = outpost::RowState;

struct MutationResult
{
    enum class Status { Applied, AppliedWithConflict, Rejected };
    qint64 seq = 0;
    Status status = Status::Applied;
    QString code;        // rejected: machine-readable ("not_found", "invalid", "forbidden", "rule")
    QString message;     // rejected: for the user
    QList<ConflictInfo> conflicts;
    QList<RowState> restore; // rejected: the server's state of every row the mutation touched locally
};

struct PushResponse
{
    QList<MutationResult> results;
    qint64 serverSeq = 0; // the team's change log position after this push
};

struct Change
{
    qint64 seq = 0;
    RowState state;
};

struct PullPage
{
    QList<Change> changes;
    qint64 cursor = 0;           // pass as `after` for the next page
    bool more = false;           // another page follows right away
    qint64 lastAppliedSeq = 0;   // this device's last mutation the server has settled (applied or rejected)
};

// A page of a new device's bootstrap: the team's current rows (as this user may see them) in (entity,
// id) order, as of change-log position `at` or later. Rows that changed after `at` may come in their
// newer state; the pull from `at` that follows the snapshot re-applies them, and brings deletions.
struct SnapshotPage
{
    qint64 at = 0;           // the log position the snapshot started at: pull from here once it is done
    qint64 total = 0;        // log entries the snapshot walks through (for progress)
    qint64 scanned = 0;      // entries this page walked through, seen by this user or not
    QList<SnapshotBlock> blocks;
    QString nextEntity;      // where the next page starts: after (nextEntity, nextAfter)
    QString nextAfter;
    bool more = false;
};

struct LoginRequest
{
    QString team;
    QString user;
    QString password;
    QString totp;       // empty when the account has no second factor
    QString deviceId;
    QString deviceName;
};

struct Session
{
    QString accessToken;
    qint64 accessExpiresInSec = 0;
    QString refreshToken;
    QString userId;
    QString userName;
    QString role;
    QString teamId;
    // The server's request body limit in bytes (pushes are sized below it); 0 when the server does not say.
    qint64 maxRequestBytes = 0;
};

class Codec
{
    Q_DECLARE_TR_FUNCTIONS(outpost::wire::Codec)
public:
    static QJsonObject toJson(const Mutation& m);
    static Result<Mutation> mutationFromJson(const QJsonObject& o, const QString& where);

    static QJsonObject toJson(const PushRequest& r);
    static Result<PushRequest> pushRequestFromJson(const QJsonObject& o);
    static QJsonObject toJson(const MutationResult& r);
    static Result<MutationResult> mutationResultFromJson(const QJsonObject& o, const QString& where);
    static QJsonObject toJson(const PushResponse& r);
    static Result<PushResponse> pushResponseFromJson(const QJsonObject& o);

    static QJsonObject toJson(const PullPage& p);
    static Result<PullPage> pullPageFromJson(const QJsonObject& o);

    static QJsonObject toJson(const SnapshotPage& p);
    // The same page as compact JSON text, written directly (what the server sends).
    static QByteArray snapshotPageBytes(const SnapshotPage& p);
    static Result<SnapshotPage> snapshotPageFromJson(const QJsonObject& o);

    static QJsonObject toJson(const LoginRequest& r);
    static Result<LoginRequest> loginRequestFromJson(const QJsonObject& o);
    static QJsonObject toJson(const Session& s);
    static Result<Session> sessionFromJson(const QJsonObject& o);

    static QJsonObject toJson(const RowState& s);
    static Result<RowState> rowStateFromJson(const QJsonObject& o, const QString& where);

    static QString statusName(MutationResult::Status s);

    // Parses a request body that must be one JSON object.
    static Result<QJsonObject> parseObject(const QByteArray& body);
};

} // namespace outpost::wire
