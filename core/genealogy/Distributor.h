#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost {

// The two trees every distributor sits in: who enrolled them (sponsor) and where they are placed.
enum class GenealogyTree { Sponsor, Placement };

// "sponsor" / "placement": the wire and history names of a tree.
QString genealogyTreeName(GenealogyTree tree);
std::optional<GenealogyTree> genealogyTreeFromName(const QString& name);

// A member of the sales organisation, optionally linked to a CRM contact.
struct Distributor
{
    Q_DECLARE_TR_FUNCTIONS(Distributor)
public:
    qint64 rid = 0;          // local row id: parent links and closure tables use it; never synced
    QString id;              // UUIDv7, the id that syncs
    QString contactId;       // empty when not linked to a contact
    QString displayName;
    QString status = QStringLiteral("active"); // active | inactive | terminated
    qint64 joinDate = 0;     // UTC ms
    qint64 sponsorRid = 0;   // 0 = root of the sponsor tree
    qint64 placementRid = 0; // 0 = root of the placement tree
    QString sponsorId;       // filled by reads; empty for a root
    QString placementId;
    QString rankAchieved;    // highest rank ever reached
    QString paidAsRank;      // rank paid as in the current period
    QString kycStatus = QStringLiteral("not_started");
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    qint64 parentRid(GenealogyTree tree) const { return tree == GenealogyTree::Sponsor ? sponsorRid : placementRid; }

    // The fields set by distributor.create and distributor.update, by wire name, in a stable order:
    // contactId, displayName, status, joinDate (a number), rankAchieved, paidAsRank, kycStatus.
    static const QStringList& fieldNames();
    QJsonObject fieldsToJson() const;
    QJsonValue field(const QString& name) const;
    bool setField(const QString& name, const QJsonValue& value); // false for an unknown name or type

    static const QStringList& statuses();    // active, inactive, terminated
    static const QStringList& kycStatuses(); // not_started, pending, approved, rejected, expired
    // Folded display name for name order.
    static QString sortKeyFor(const QString& displayName);
};

} // namespace outpost
