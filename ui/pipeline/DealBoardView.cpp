#include "pipeline/DealBoardView.h"

#include "pipeline/DealCardDelegate.h"
#include "pipeline/DealCardModel.h"
#include "pipeline/Money.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QVBoxLayout>

namespace outpost {

namespace {
constexpr int kMinColumnWidth = 190; // six stages fit a 1280-pixel window; more scroll sideways
constexpr int kMaxColumnWidth = 320;
} // namespace

DealBoardView::DealBoardView(DealRepository& repository, QWidget* parent) : QWidget(parent), m_repository(repository)
{
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* strip = new QWidget(scroll);
    m_columns = new QHBoxLayout(strip);
    m_columns->setContentsMargins(0, 0, 0, 0);
    m_columns->setSpacing(8);
    m_columns->addStretch(0); // takes what the columns at their widest leave
    scroll->setWidget(strip);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void DealBoardView::setPipeline(const QString& pipelineId)
{
    m_pipelineId = pipelineId;
    for (Column& c : m_list)
        delete c.widget;
    m_list.clear();
    auto stages = m_repository.stages(pipelineId);
    if (!stages) {
        emit loadFailed(stages.message());
        return;
    }
    for (const PipelineStage& s : stages.value())
        addColumn(s);
}

void DealBoardView::addColumn(const PipelineStage& stage)
{
    Column c;
    c.stage = stage;
    c.widget = new QFrame(this);
    c.widget->setObjectName(QStringLiteral("stageColumn"));
    c.widget->setMinimumWidth(kMinColumnWidth);
    c.widget->setMaximumWidth(kMaxColumnWidth);
    auto* layout = new QVBoxLayout(c.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* title = new QLabel(c.widget);
    QString kind;
    switch (stage.kind) {
    case PipelineStage::Kind::Open:
        kind = tr("%1 %").arg(stage.probability);
        break;
    case PipelineStage::Kind::Won:
    case PipelineStage::Kind::Lost:
        kind = tr("closed");
        break;
    }
    title->setText(tr("%1 · %2").arg(stage.name, kind));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    c.totals = new QLabel(c.widget);
    c.totals->setObjectName(QStringLiteral("stageTotals"));
    c.totals->setWordWrap(true);
    QPalette muted = c.totals->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    c.totals->setPalette(muted);

    c.model = new DealCardModel(m_repository, stage.id, c.widget);
    c.view = new QListView(c.widget);
    c.view->setObjectName(QStringLiteral("stageCards"));
    c.view->setModel(c.model);
    c.view->setItemDelegate(new DealCardDelegate(c.view));
    c.view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    c.view->setDragEnabled(true);
    c.view->setAcceptDrops(true);
    c.view->setDropIndicatorShown(true);
    c.view->setDragDropMode(QAbstractItemView::DragDrop);
    c.view->setDefaultDropAction(Qt::MoveAction);
    c.view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    c.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    c.view->setUniformItemSizes(true);
    c.view->setContextMenuPolicy(Qt::CustomContextMenu);
    c.view->setAccessibleName(tr("Deals in %1").arg(stage.name));

    layout->addWidget(title);
    layout->addWidget(c.totals);
    layout->addWidget(c.view, 1);
    m_columns->insertWidget(m_columns->count() - 1, c.widget, 1);

    QListView* view = c.view;
    DealCardModel* model = c.model;
    connect(model, &DealCardModel::moveRequested, this, &DealBoardView::moveRequested);
    connect(model, &DealCardModel::loadFailed, this, &DealBoardView::loadFailed);
    connect(view, &QListView::doubleClicked, this, [this](const QModelIndex& i) {
        emit dealActivated(i.data(DealCardModel::DealIdRole).toString());
    });
    connect(view, &QListView::clicked, this, [this](const QModelIndex& i) {
        m_currentDealId = i.data(DealCardModel::DealIdRole).toString();
    });
    connect(view, &QListView::customContextMenuRequested, this, [this, view](const QPoint& pos) {
        const QModelIndex i = view->indexAt(pos);
        if (!i.isValid())
            return;
        m_currentDealId = i.data(DealCardModel::DealIdRole).toString();
        emit contextMenuRequested(m_currentDealId, view->viewport()->mapToGlobal(pos));
    });
    m_list.append(c);
    updateTotals(m_list.last());
}

void DealBoardView::updateTotals(Column& column)
{
    auto totals = m_repository.stageTotals(column.stage.id);
    if (!totals) {
        column.totals->setText(totals.message());
        return;
    }
    QStringList values;
    for (const DealRepository::Total& t : totals->byCurrency)
        values << money::format(t.amountMinor, t.currency);
    const QString count = totals->count == 0 ? tr("No deals")
                                             : tr("%n deal(s)", nullptr, int(std::min<qint64>(totals->count, INT_MAX)));
    column.totals->setText(values.isEmpty() ? count : tr("%1 · %2").arg(count, values.join(QStringLiteral(" + "))));
}

void DealBoardView::refresh()
{
    for (Column& c : m_list) {
        c.model->reload();
        updateTotals(c);
    }
}

QStringList DealBoardView::stageIds() const
{
    QStringList out;
    for (const Column& c : m_list)
        out << c.stage.id;
    return out;
}

DealCardModel* DealBoardView::columnModel(const QString& stageId) const
{
    for (const Column& c : m_list) {
        if (c.stage.id == stageId)
            return c.model;
    }
    return nullptr;
}

QListView* DealBoardView::columnView(const QString& stageId) const
{
    for (const Column& c : m_list) {
        if (c.stage.id == stageId)
            return c.view;
    }
    return nullptr;
}

QString DealBoardView::totalsText(const QString& stageId) const
{
    for (const Column& c : m_list) {
        if (c.stage.id == stageId)
            return c.totals->text();
    }
    return {};
}

} // namespace outpost
