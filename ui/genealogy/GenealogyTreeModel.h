#pragma once

#include "genealogy/GenealogyRepository.h"

#include <QAbstractItemModel>
#include <QHash>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace outpost {

// A distributor tree (sponsor or placement), lazily: the roots come on the first fetch, a node's children
// when it is expanded (canFetchMore/fetchMore), in pages of PageSize in name order; hasChildren comes from
// the cached downline size, so nothing below an unexpanded node is read. reveal() loads just the path to
// any distributor (for search), however deep, and however far down a wide parent's name order it sits.
class GenealogyTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, RankColumn, PvColumn, GvColumn, ActiveColumn, JoinDateColumn, KycColumn, ColumnCount };
    enum Role { RidRole = Qt::UserRole + 1, IdRole, DownlineSizeRole };
    static constexpr int PageSize = 200;

    // A distributor's volumes in the current period (PV, GV); nullopt shows "—". Commissions plugs in here.
    struct Volumes
    {
        qint64 pv = 0;
        qint64 gv = 0;
    };
    using VolumeSource = std::function<std::optional<Volumes>(qint64 rid)>;

    GenealogyTreeModel(GenealogyRepository& repository, GenealogyTree tree, QObject* parent = nullptr);
    ~GenealogyTreeModel() override;

    GenealogyTree tree() const { return m_tree; }
    // Switches to the other tree (a reset).
    void setTree(GenealogyTree tree);
    void setVolumeSource(VolumeSource source);
    // Forgets everything read (a reset); the roots come again on the next fetch.
    void reload();

    // The index of a distributor already loaded, or an invalid index.
    QModelIndex indexOfRid(qint64 rid, int column = 0) const;
    qint64 ridAt(const QModelIndex& index) const;
    // Distributors read so far (tests check that reveal() reads only the path).
    int loadedCount() const { return int(m_byRid.size()); }
    // Loads the path from the root down to `rid` (every ancestor's children up to the next one on the path)
    // and returns its index; an invalid index when it is not in the tree or a read failed (loadFailed()).
    QModelIndex reveal(qint64 rid);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static QString statusLabel(const QString& status);
    static QString kycLabel(const QString& kycStatus);

signals:
    void loadFailed(const QString& message);

private:
    struct Node
    {
        DistributorListRow row; // empty for the invisible root
        Node* parent = nullptr;
        int rowInParent = 0;
        std::vector<std::unique_ptr<Node>> children;
        bool complete = false; // every child loaded
        bool failed = false;   // a read failed: not retried until reload()
    };

    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(Node* node, int column = 0) const;
    std::optional<qint64> parentRidOf(const Node* node) const;
    // Reads up to `limit` more children of `node` and inserts them; false on a read failure.
    bool loadChildren(Node* node, int limit);

    GenealogyRepository& m_repository;
    GenealogyTree m_tree;
    VolumeSource m_volumes;
    std::unique_ptr<Node> m_root;
    QHash<qint64, Node*> m_byRid;
    bool m_changing = false; // inside an insert or a reset
};

} // namespace outpost
