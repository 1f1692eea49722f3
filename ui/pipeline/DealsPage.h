#pragma once

#include "mutations/Mutation.h"
#include "pipeline/DealRepository.h"
#include "shell/Page.h"

#include <QTimer>

class QAction;
class QComboBox;
class QLineEdit;
class QStackedWidget;
class QTabBar;
class QTableView;

namespace outpost {

class DealBoardView;
class DealListModel;
class ForecastChart;
class ForecastModel;
class MessageLabel;
class Workspace;

// Deals: one pipeline at a time as a Kanban board (drag a card to another stage to move the deal; to a won or
// lost stage asks the reason), as a sortable, filterable list, or as the weighted forecast per month.
// Deals are created and edited in a dialog; a task can be added to a deal from its context menu.
class DealsPage : public Page
{
    Q_OBJECT
public:
    explicit DealsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~DealsPage() override;

    enum class View { Board, List, Forecast };

    QList<QAction*> newActions() const override;
    QList<QAction*> editActions() const override;
    QString summary() const override;
    void focusSearch() override;
    QVariantMap viewState(bool forDisk) const override;
    void restoreViewState(const QVariantMap& state) override;

    void setView(View view);
    View view() const;
    void setPipeline(const QString& pipelineId);
    // The pipeline shown (the board, list and forecast all show it).
    QString pipelineId() const;
    DealBoardView* board() const { return m_board; }
    DealListModel* listModel() const { return m_listModel; }
    QTableView* listView() const { return m_list; }
    ForecastModel* forecastModel() const { return m_forecastModel; }
    QLineEdit* searchField() const { return m_search; }

    // Moves deals to a stage the way a drop on the board does (a won or lost stage asks for the reason first).
    void moveDeals(const QStringList& dealIds, const QString& toStageId);
    // The deal selected on the shown view (empty if none).
    QString selectedDealId() const;

public slots:
    void newDeal();
    void editDeal(const QString& dealId);
    void addTaskForDeal(const QString& dealId);
    // Edit Stages…: the stage editor of the shown pipeline.
    void editStages();

private:
    void closeDeals(const QStringList& dealIds, const PipelineStage& stage, const QString& reason);
    void deleteDeal(const QString& dealId);
    void showContextMenu(const QString& dealId, const QPoint& globalPos);
    void fillPipelines();
    void applyListFilter();
    DealRepository::ListQuery listQuery() const;
    void onEntitiesChanged(const EntityChanges& changes);
    void refresh();
    // Reads what the shown view shows if it is stale; the others wait until they are shown.
    void loadShownView();
    void setDealCount(qint64 count);

    Workspace& m_workspace;
    DealRepository m_repository;
    QComboBox* m_pipeline = nullptr;
    QTabBar* m_views = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QStackedWidget* m_stack = nullptr;
    DealBoardView* m_board = nullptr;
    QTableView* m_list = nullptr;
    DealListModel* m_listModel = nullptr;
    QTableView* m_forecast = nullptr;
    ForecastModel* m_forecastModel = nullptr;
    ForecastChart* m_forecastChart = nullptr;
    MessageLabel* m_message = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_taskAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QTimer m_refresh; // coalesces change notifications
    bool m_stagesChanged = false;
    // What each view shows was read before the last change: it reads again when next shown. The board's
    // columns (stages) are rebuilt after a switch of pipeline or a stage change; after a deal change only its
    // cards are read again.
    enum class BoardState { Current, CardsStale, ColumnsStale };
    BoardState m_boardState = BoardState::ColumnsStale;
    bool m_listStale = true;
    bool m_forecastStale = true;
    bool m_countStale = true; // m_dealCount (the summary), read with the list or alone
    qint64 m_dealCount = 0;
};

} // namespace outpost
