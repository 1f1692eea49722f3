#pragma once

#include "pipeline/DealRepository.h"

#include <QAbstractListModel>

namespace outpost {

// The deals of one board column (one stage), read a page at a time (canFetchMore/fetchMore), so a column of
// thousands of deals costs one page until the user scrolls. Cards are dragged out as deal ids; a drop of cards
// from another column asks for a move (moveRequested) and the board decides how (a move, or a win or loss
// with its reason) — the column refreshes when the change is made.
class DealCardModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        DealIdRole = Qt::UserRole + 1,
        OwnerRole,
        ExpectedCloseRole, // qint64 UTC ms, or invalid
        ValueTextRole      // formatted value
    };
    static constexpr int PageSize = 50;
    static QString mimeType() { return QStringLiteral("application/x-outpost-deal-ids"); }

    DealCardModel(DealRepository& repository, const QString& stageId, QObject* parent = nullptr);

    const QString& stageId() const { return m_stageId; }
    // Reads the column again from the start (as many rows as were shown, at least one page).
    void reload();
    int rowOf(const QString& dealId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) override;

signals:
    // Cards from another column were dropped here.
    void moveRequested(const QStringList& dealIds, const QString& toStageId);
    void loadFailed(const QString& message);

private:
    QList<DealRepository::Card> readPage(qint64 afterRid, int limit);

    DealRepository& m_repository;
    QString m_stageId;
    QList<DealRepository::Card> m_cards;
    bool m_more = false;
    // A reset or an insertion is being announced: views and testers that react by asking for more get
    // nothing until it is done (a nested fetchMore would read the same page twice).
    bool m_changing = false;
};

} // namespace outpost
