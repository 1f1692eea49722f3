#include "pipeline/DealsPage.h"

#include "pipeline/DealBoardView.h"
#include "pipeline/DealEditDialog.h"
#include "pipeline/DealListModel.h"
#include "pipeline/ForecastChart.h"
#include "pipeline/ForecastModel.h"
#include "pipeline/StageEditorDialog.h"
#include "profile/Workspace.h"
#include "tasks/TaskEditDialog.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setHighlightSections(false);
    table->setWordWrap(false);
    return table;
}

const char* const kViewKeys[] = {"board", "list", "forecast"};
} // namespace

DealsPage::DealsPage(Workspace& workspace, QWidget* parent)
    : Page(parent), m_workspace(workspace), m_repository(workspace.database())
{
    m_newAction = new QAction(themedIcon(QStringLiteral("add")), tr("New &Deal…"), this);
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_editAction = new QAction(themedIcon(QStringLiteral("edit")), tr("&Edit Deal…"), this);
    m_taskAction = new QAction(themedIcon(QStringLiteral("tasks")), tr("Add &Task to Deal…"), this);
    m_deleteAction = new QAction(themedIcon(QStringLiteral("delete")), tr("&Delete Deal"), this);
    connect(m_newAction, &QAction::triggered, this, [this] {
        emit activationRequested();
        newDeal();
    });
    connect(m_editAction, &QAction::triggered, this, [this] { editDeal(selectedDealId()); });
    connect(m_taskAction, &QAction::triggered, this, [this] { addTaskForDeal(selectedDealId()); });
    connect(m_deleteAction, &QAction::triggered, this, [this] { deleteDeal(selectedDealId()); });

    m_pipeline = new QComboBox(this);
    m_pipeline->setObjectName(QStringLiteral("pipelineBox"));
    m_pipeline->setMinimumContentsLength(16);
    m_views = new QTabBar(this);
    m_views->setObjectName(QStringLiteral("dealViews"));
    m_views->setDrawBase(false);
    m_views->addTab(tr("Board"));
    m_views->addTab(tr("List"));
    m_views->addTab(tr("Forecast"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("dealSearch"));
    m_search->setPlaceholderText(tr("Filter deals by title"));
    m_search->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->addItem(tr("All deals"), int(DealRepository::ListQuery::Status::Any));
    m_status->addItem(tr("Open"), int(DealRepository::ListQuery::Status::Open));
    m_status->addItem(tr("Won"), int(DealRepository::ListQuery::Status::Won));
    m_status->addItem(tr("Lost"), int(DealRepository::ListQuery::Status::Lost));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Pipeline:"), this));
    top->addWidget(m_pipeline);
    auto* stages = new QPushButton(tr("Edit &Stages…"), this);
    stages->setObjectName(QStringLiteral("editStagesButton"));
    connect(stages, &QPushButton::clicked, this, &DealsPage::editStages);
    top->addWidget(stages);
    top->addSpacing(12);
    top->addWidget(m_views);
    top->addStretch(1);
    top->addWidget(m_search, 1);
    top->addWidget(m_status);

    m_board = new DealBoardView(m_repository, this);
    m_board->setObjectName(QStringLiteral("dealBoard"));
    m_listModel = new DealListModel(m_repository, this);
    m_list = makeTable(m_listModel, this);
    m_list->setObjectName(QStringLiteral("dealList"));
    m_list->setSortingEnabled(true);
    m_list->horizontalHeader()->setSortIndicator(DealListModel::UpdatedColumn, Qt::DescendingOrder);
    m_list->horizontalHeader()->setSectionResizeMode(DealListModel::TitleColumn, QHeaderView::Stretch);
    m_list->setColumnWidth(DealListModel::StageColumn, 170);
    m_list->setColumnWidth(DealListModel::ValueColumn, 120);
    m_list->setColumnWidth(DealListModel::WeightedColumn, 120);
    m_list->setColumnWidth(DealListModel::CloseColumn, 110);
    m_list->setColumnWidth(DealListModel::UpdatedColumn, 150);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_forecastModel = new ForecastModel(m_repository, QTimeZone::systemTimeZone(), this);
    m_forecast = makeTable(m_forecastModel, this);
    m_forecast->setObjectName(QStringLiteral("dealForecast"));
    m_forecast->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_forecastChart = new ForecastChart(this);
    m_forecastChart->setObjectName(QStringLiteral("dealForecastChart"));
    auto* forecast = new QSplitter(Qt::Vertical, this);
    forecast->addWidget(m_forecast);
    forecast->addWidget(m_forecastChart);
    forecast->setStretchFactor(0, 1);
    forecast->setStretchFactor(1, 2);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_board);
    m_stack->addWidget(m_list);
    m_stack->addWidget(forecast);
    m_message = new MessageLabel(this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    connect(m_views, &QTabBar::currentChanged, this, [this](int i) {
        m_stack->setCurrentIndex(i);
        const bool list = i == int(View::List);
        m_search->setVisible(list);
        m_status->setVisible(list);
        loadShownView();
    });
    connect(m_pipeline, &QComboBox::currentIndexChanged, this, [this] { setPipeline(m_pipeline->currentData().toString()); });
    connect(m_search, &QLineEdit::textChanged, this, &DealsPage::applyListFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &DealsPage::applyListFilter);
    // Queued: a drop is handled after the drag has ended (a won or lost stage opens a dialog).
    connect(m_board, &DealBoardView::moveRequested, this, &DealsPage::moveDeals, Qt::QueuedConnection);
    connect(m_board, &DealBoardView::dealActivated, this, &DealsPage::editDeal);
    connect(m_board, &DealBoardView::contextMenuRequested, this, &DealsPage::showContextMenu);
    connect(m_board, &DealBoardView::loadFailed, m_message, &MessageLabel::showError);
    connect(m_list, &QTableView::doubleClicked, this, [this] { editDeal(selectedDealId()); });
    connect(m_list, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex i = m_list->indexAt(pos);
        if (i.isValid())
            showContextMenu(m_listModel->dealIdAt(i.row()), m_list->viewport()->mapToGlobal(pos));
    });
    connect(m_listModel, &DealListModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_listModel, &DealListModel::totalChanged, this, &DealsPage::setDealCount);
    connect(m_forecastModel, &ForecastModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_forecastModel, &QAbstractItemModel::modelReset, this, [this] { m_forecastChart->setRows(m_forecastModel->rows()); });

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &DealsPage::refresh);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &DealsPage::onEntitiesChanged);

    fillPipelines();
    setView(View::Board);
    m_search->setVisible(false);
    m_status->setVisible(false);
}

DealsPage::~DealsPage() = default;

QList<QAction*> DealsPage::newActions() const
{
    return {m_newAction};
}

QList<QAction*> DealsPage::editActions() const
{
    return {m_editAction, m_taskAction, m_deleteAction};
}

QString DealsPage::summary() const
{
    return tr("%n deal(s)", nullptr, int(std::min<qint64>(m_dealCount, INT_MAX)));
}

void DealsPage::focusSearch()
{
    setView(View::List);
    m_search->setFocus();
}

QVariantMap DealsPage::viewState(bool) const
{
    return {{QStringLiteral("view"), QLatin1String(kViewKeys[int(view())])},
            {QStringLiteral("pipeline"), pipelineId()}};
}

void DealsPage::restoreViewState(const QVariantMap& state)
{
    const int pipeline = m_pipeline->findData(state.value(QStringLiteral("pipeline")).toString());
    if (pipeline >= 0)
        m_pipeline->setCurrentIndex(pipeline);
    for (int i = 0; i < int(std::size(kViewKeys)); ++i) {
        if (state.value(QStringLiteral("view")).toString() == QLatin1String(kViewKeys[i]))
            setView(View(i));
    }
}

void DealsPage::setView(View view)
{
    m_views->setCurrentIndex(int(view));
}

DealsPage::View DealsPage::view() const
{
    return View(m_views->currentIndex());
}

void DealsPage::fillPipelines()
{
    const QString current = pipelineId();
    QSignalBlocker block(m_pipeline);
    m_pipeline->clear();
    auto pipelines = m_repository.pipelines();
    if (!pipelines) {
        m_message->showError(pipelines.message());
        return;
    }
    for (const Pipeline& p : pipelines.value())
        m_pipeline->addItem(p.name, p.id);
    const int index = std::max(0, m_pipeline->findData(current));
    m_pipeline->setCurrentIndex(index);
    setPipeline(m_pipeline->itemData(index).toString());
}

void DealsPage::setPipeline(const QString& pipelineId)
{
    if (m_pipeline->currentData().toString() != pipelineId) {
        const int index = m_pipeline->findData(pipelineId);
        if (index >= 0)
            m_pipeline->setCurrentIndex(index); // comes back here
        return;
    }
    m_boardState = BoardState::ColumnsStale;
    m_listStale = m_forecastStale = m_countStale = true;
    loadShownView();
}

QString DealsPage::pipelineId() const
{
    return m_pipeline->currentData().toString();
}

void DealsPage::applyListFilter()
{
    m_listStale = m_countStale = true;
    loadShownView();
}

DealRepository::ListQuery DealsPage::listQuery() const
{
    DealRepository::ListQuery q = m_listModel->query();
    q.pipelineId = pipelineId();
    q.text = m_search->text();
    q.status = DealRepository::ListQuery::Status(m_status->currentData().toInt());
    return q;
}

void DealsPage::loadShownView()
{
    switch (view()) {
    case View::Board:
        if (m_boardState == BoardState::ColumnsStale)
            m_board->setPipeline(pipelineId());
        else if (m_boardState == BoardState::CardsStale)
            m_board->refresh();
        m_boardState = BoardState::Current;
        break;
    case View::List:
        if (m_listStale) {
            m_listStale = false;
            m_listModel->setQuery(listQuery()); // its total is the count (setDealCount)
        }
        break;
    case View::Forecast:
        if (m_forecastStale) {
            m_forecastStale = false;
            m_forecastModel->setPipeline(pipelineId());
        }
        break;
    }
    if (m_countStale) { // the list is not shown: its count alone, for the summary
        auto count = m_repository.countDeals(listQuery());
        if (!count)
            m_message->showError(count.message());
        setDealCount(count ? count.value() : 0);
    }
}

void DealsPage::setDealCount(qint64 count)
{
    m_dealCount = count;
    m_countStale = false;
    emit summaryChanged(summary());
}

QString DealsPage::selectedDealId() const
{
    switch (view()) {
    case View::Board:
        return m_board->currentDealId();
    case View::List:
        return m_list->currentIndex().isValid() ? m_listModel->dealIdAt(m_list->currentIndex().row()) : QString();
    case View::Forecast:
        break;
    }
    return {};
}

void DealsPage::newDeal()
{
    Deal deal;
    deal.pipelineId = pipelineId();
    auto* dialog = new DealEditDialog(m_workspace.mutations(), m_repository, deal, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DealsPage::editDeal(const QString& dealId)
{
    if (dealId.isEmpty())
        return;
    auto deal = m_repository.find(dealId);
    if (!deal || !deal->has_value()) {
        m_message->showError(deal ? tr("This deal no longer exists; it may have been deleted on another device.")
                                  : deal.message());
        return;
    }
    auto* dialog = new DealEditDialog(m_workspace.mutations(), m_repository, **deal, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DealsPage::addTaskForDeal(const QString& dealId)
{
    if (dealId.isEmpty())
        return;
    auto deal = m_repository.find(dealId);
    if (!deal || !deal->has_value())
        return;
    Task task;
    task.dealId = dealId;
    task.contactId = (*deal)->contactId;
    auto* dialog = new TaskEditDialog(m_workspace.mutations(), task, tr("Deal: %1").arg((*deal)->title), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DealsPage::moveDeals(const QStringList& dealIds, const QString& toStageId)
{
    auto stages = m_repository.stages(pipelineId());
    if (!stages) {
        m_message->showError(stages.message());
        return;
    }
    const auto it = std::find_if(stages->begin(), stages->end(), [&](const PipelineStage& s) { return s.id == toStageId; });
    if (it == stages->end())
        return;
    const PipelineStage stage = *it;
    if (stage.kind == PipelineStage::Kind::Open) {
        for (const QString& id : dealIds) {
            auto m = m_workspace.mutations().submit(QStringLiteral("deal.move"),
                                                    {{QStringLiteral("id"), id}, {QStringLiteral("stageId"), toStageId}});
            if (!m) {
                m_message->showError(m.message());
                return;
            }
        }
        m_message->clearMessage();
        return;
    }
    const bool won = stage.kind == PipelineStage::Kind::Won;
    auto* ask = new QInputDialog(this);
    ask->setMinimumWidth(380);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setObjectName(QStringLiteral("closeReasonDialog"));
    ask->setWindowTitle(won ? tr("Deal Won") : tr("Deal Lost"));
    ask->setLabelText(won ? tr("Why was it won? (optional)") : tr("Why was it lost?"));
    ask->setOkButtonText(won ? tr("Mark as Won") : tr("Mark as Lost"));
    connect(ask, &QInputDialog::textValueSelected, this,
            [this, dealIds, stage](const QString& reason) { closeDeals(dealIds, stage, reason); });
    ask->open();
}

void DealsPage::closeDeals(const QStringList& dealIds, const PipelineStage& stage, const QString& reason)
{
    const QString name = stage.kind == PipelineStage::Kind::Won ? QStringLiteral("deal.win") : QStringLiteral("deal.lose");
    for (const QString& id : dealIds) {
        auto m = m_workspace.mutations().submit(name, {{QStringLiteral("id"), id},
                                                       {QStringLiteral("stageId"), stage.id},
                                                       {QStringLiteral("reason"), reason.trimmed()}});
        if (!m) {
            m_message->showError(m.message());
            return;
        }
    }
    m_message->clearMessage();
}

void DealsPage::deleteDeal(const QString& dealId)
{
    if (dealId.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete Deal"),
                                tr("Delete this deal and its stage history? Its tasks stay."),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, dealId](int result) {
        if (result != QMessageBox::Yes)
            return;
        auto m = m_workspace.mutations().submit(QStringLiteral("deal.delete"), {{QStringLiteral("id"), dealId}});
        if (!m)
            m_message->showError(m.message());
    });
    box->open();
}

void DealsPage::showContextMenu(const QString& dealId, const QPoint& globalPos)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(themedIcon(QStringLiteral("edit")), tr("Edit…"), this, [this, dealId] { editDeal(dealId); });
    menu->addAction(themedIcon(QStringLiteral("tasks")), tr("Add Task…"), this, [this, dealId] { addTaskForDeal(dealId); });
    auto stages = m_repository.stages(pipelineId());
    for (const PipelineStage& s : stages ? stages.value() : QList<PipelineStage>()) {
        if (s.kind == PipelineStage::Kind::Won)
            menu->addAction(tr("Mark as Won…"), this, [this, dealId, s] { moveDeals({dealId}, s.id); });
        else if (s.kind == PipelineStage::Kind::Lost)
            menu->addAction(tr("Mark as Lost…"), this, [this, dealId, s] { moveDeals({dealId}, s.id); });
    }
    menu->addSeparator();
    menu->addAction(themedIcon(QStringLiteral("delete")), tr("Delete…"), this, [this, dealId] { deleteDeal(dealId); });
    menu->popup(globalPos);
}

void DealsPage::editStages()
{
    const QString pipelineId = m_pipeline->currentData().toString();
    if (pipelineId.isEmpty())
        return;
    auto* dialog = new StageEditorDialog(m_workspace, m_repository, pipelineId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // each change is a mutation: the board follows through onEntitiesChanged
}

void DealsPage::onEntitiesChanged(const EntityChanges& changes)
{
    bool deals = false;
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("pipeline") || c.entity == QLatin1String("pipeline_stage"))
            m_stagesChanged = true;
        if (c.entity == QLatin1String("deal") || m_stagesChanged)
            deals = true;
    }
    if (deals)
        m_refresh.start();
}

void DealsPage::refresh()
{
    if (m_stagesChanged) {
        m_stagesChanged = false;
        fillPipelines(); // rebuilds the board's columns
        return;
    }
    if (m_boardState == BoardState::Current)
        m_boardState = BoardState::CardsStale;
    m_listStale = m_forecastStale = m_countStale = true;
    loadShownView();
}

} // namespace outpost
