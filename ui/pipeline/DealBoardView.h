#pragma once

#include "pipeline/DealRepository.h"

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QListView;

namespace outpost {

class DealCardModel;

// The Kanban board of one pipeline: a column per stage (name, probability, number of deals and their value per
// currency) holding the deals as cards, read lazily per column. Dragging cards to another column asks for a
// move (moveRequested); the page decides what that means for the target stage's kind and refreshes.
class DealBoardView : public QWidget
{
    Q_OBJECT
public:
    explicit DealBoardView(DealRepository& repository, QWidget* parent = nullptr);

    // Shows the stages of `pipelineId` (reads them again: stages may have changed).
    void setPipeline(const QString& pipelineId);
    const QString& pipelineId() const { return m_pipelineId; }
    // Reads every column and its totals again.
    void refresh();

    QStringList stageIds() const;
    DealCardModel* columnModel(const QString& stageId) const;
    QListView* columnView(const QString& stageId) const;
    QString totalsText(const QString& stageId) const;
    // The deal the user right-clicked or selected last (empty if none).
    QString currentDealId() const { return m_currentDealId; }

signals:
    void moveRequested(const QStringList& dealIds, const QString& toStageId);
    void dealActivated(const QString& dealId);
    void contextMenuRequested(const QString& dealId, const QPoint& globalPos);
    void loadFailed(const QString& message);

private:
    struct Column
    {
        PipelineStage stage;
        QWidget* widget = nullptr;
        QLabel* totals = nullptr;
        QListView* view = nullptr;
        DealCardModel* model = nullptr;
    };
    void addColumn(const PipelineStage& stage);
    void updateTotals(Column& column);

    DealRepository& m_repository;
    QString m_pipelineId;
    QHBoxLayout* m_columns = nullptr;
    QList<Column> m_list;
    QString m_currentDealId;
};

} // namespace outpost
