#include "genealogy/GenealogyPage.h"

#include "commissions/CommissionStatement.h"
#include "genealogy/DistributorSearchField.h"
#include "genealogy/DownlineStatsPanel.h"
#include "genealogy/GenealogyTreeModel.h"
#include "genealogy/MoveDistributorDialog.h"
#include "genealogy/OrgChartView.h"
#include "genealogy/UplineBreadcrumb.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace outpost {

namespace {

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

GenealogyPage::GenealogyPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_repository(workspace.database())
    , m_model(new GenealogyTreeModel(m_repository, GenealogyTree::Sponsor, this))
    , m_treeChoice(new QComboBox(this))
    , m_search(new DistributorSearchField(m_repository, this))
    , m_breadcrumb(new UplineBreadcrumb(this))
    , m_message(new MessageLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_view(new QTreeView(m_splitter))
    , m_chart(new OrgChartView(m_repository, GenealogyTree::Sponsor, this))
    , m_stats(new DownlineStatsPanel(workspace.database(), this))
    , m_moveAction(new QAction(tr("&Move Distributor…"), this))
    , m_wholeTree(new QToolButton(this))
{
    m_treeChoice->setObjectName(QStringLiteral("genealogyTreeChoice"));
    m_search->setObjectName(QStringLiteral("genealogySearch"));
    m_view->setObjectName(QStringLiteral("genealogyTree"));
    m_chart->setObjectName(QStringLiteral("orgChart"));
    m_breadcrumb->setObjectName(QStringLiteral("uplineBreadcrumb"));
    m_moveAction->setObjectName(QStringLiteral("actionMoveDistributor"));

    m_treeChoice->addItem(tr("Sponsor tree"), int(GenealogyTree::Sponsor));
    m_treeChoice->addItem(tr("Placement tree"), int(GenealogyTree::Placement));
    m_treeChoice->setToolTip(tr("Sponsor tree: who enrolled whom. Placement tree: where each person is placed."));
    m_search->setPlaceholderText(tr("Find a distributor by name or id"));
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_moveAction->setEnabled(false);
    m_moveAction->setIconText(tr("Move…"));
    m_wholeTree->setText(tr("Whole Tree"));
    m_wholeTree->setToolTip(tr("Show the tree from the top again"));
    m_wholeTree->setObjectName(QStringLiteral("showWholeTree"));
    m_wholeTree->hide();
    m_moveAction->setStatusTip(tr("Re-sponsor or re-place the selected distributor with their downline"));
    auto* moveButton = new QToolButton(this);
    moveButton->setDefaultAction(m_moveAction);
    moveButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(10, 10, 10, 4);
    bar->addWidget(m_treeChoice);
    bar->addSpacing(8);
    bar->addWidget(m_search, 1);
    bar->addSpacing(8);
    bar->addWidget(moveButton);

    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAccessibleName(tr("Distributor tree"));
    m_view->setIndentation(14);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(GenealogyTreeModel::NameColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(40);
    const QFontMetrics fm = m_view->fontMetrics();
    const int pad = 18;
    header->resizeSection(GenealogyTreeModel::RankColumn, fm.horizontalAdvance(QStringLiteral("Platinum")) + pad);
    header->resizeSection(GenealogyTreeModel::PvColumn, fm.horizontalAdvance(QStringLiteral("00,000")) + pad);
    header->resizeSection(GenealogyTreeModel::GvColumn, fm.horizontalAdvance(QStringLiteral("0,000,000")) + pad);
    header->resizeSection(GenealogyTreeModel::ActiveColumn,
                          fm.horizontalAdvance(GenealogyTreeModel::statusLabel(QStringLiteral("terminated"))) + pad);
    header->resizeSection(GenealogyTreeModel::JoinDateColumn, fm.horizontalAdvance(QStringLiteral("00/00/00")) + pad);
    header->resizeSection(GenealogyTreeModel::KycColumn,
                          fm.horizontalAdvance(GenealogyTreeModel::kycLabel(QStringLiteral("not_started"))) + pad);

    // Chart with its toolbar, statistics under it.
    auto* chartBox = new QWidget(this);
    auto* chartBar = new QHBoxLayout;
    chartBar->setContentsMargins(6, 2, 6, 2);
    auto* zoomIn = toolButton(tr("Zoom In"), tr("Zoom in (or turn the wheel)"), chartBox);
    auto* zoomOut = toolButton(tr("Zoom Out"), tr("Zoom out (or turn the wheel)"), chartBox);
    auto* fit = toolButton(tr("Fit"), tr("Show the whole opened chart"), chartBox);
    auto* png = toolButton(tr("Export PNG…"), tr("Save the opened chart as an image"), chartBox);
    auto* pdf = toolButton(tr("Export PDF…"), tr("Save the opened chart as a PDF document"), chartBox);
    png->setObjectName(QStringLiteral("exportChartPng"));
    pdf->setObjectName(QStringLiteral("exportChartPdf"));
    auto* chartHint = new QLabel(tr("Click ± to open or close a branch; drag to pan."), chartBox);
    chartHint->setForegroundRole(QPalette::PlaceholderText);
    for (QToolButton* b : {zoomIn, zoomOut, fit})
        chartBar->addWidget(b);
    chartBar->addSpacing(12);
    chartBar->addWidget(chartHint, 1);
    chartBar->addWidget(png);
    chartBar->addWidget(pdf);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chart, 1);

    auto* right = new QSplitter(Qt::Vertical, m_splitter);
    right->addWidget(chartBox);
    right->addWidget(m_stats);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({660, 540});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    auto* crumbRow = new QHBoxLayout;
    crumbRow->setContentsMargins(12, 2, 10, 6);
    crumbRow->addWidget(m_breadcrumb, 1);
    crumbRow->addWidget(m_wholeTree);
    layout->addLayout(crumbRow);
    m_message->setContentsMargins(12, 0, 12, 6);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    connect(m_treeChoice, &QComboBox::currentIndexChanged, this,
            [this] { setTree(GenealogyTree(m_treeChoice->currentData().toInt())); });
    connect(m_search, &DistributorSearchField::chosen, this, [this](qint64 rid) {
        if (!revealDistributor(rid))
            m_message->showError(tr("That distributor is not in this tree any more. Search again."));
    });
    connect(m_search, &DistributorSearchField::searchFailed, m_message, &MessageLabel::showError);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (!m_syncingSelection && current.isValid())
            select(m_model->ridAt(current));
    });
    connect(m_chart, &OrgChartView::nodeActivated, this, [this](qint64 rid) { revealDistributor(rid); });
    connect(m_breadcrumb, &UplineBreadcrumb::stepActivated, this, [this](qint64 rid) { revealDistributor(rid); });
    connect(m_model, &GenealogyTreeModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_chart, &OrgChartView::loadFailed, m_message, &MessageLabel::showError);
    connect(m_stats, &DownlineStatsPanel::loadFailed, m_message, &MessageLabel::showError);
    connect(zoomIn, &QToolButton::clicked, m_chart, [this] { m_chart->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, m_chart, [this] { m_chart->zoomBy(0.8); });
    connect(fit, &QToolButton::clicked, m_chart, &OrgChartView::fitAll);
    connect(png, &QToolButton::clicked, this, [this] { exportChart(false); });
    connect(pdf, &QToolButton::clicked, this, [this] { exportChart(true); });
    connect(m_moveAction, &QAction::triggered, this, &GenealogyPage::moveSelected);
    connect(m_wholeTree, &QToolButton::clicked, this, [this] {
        m_view->setRootIndex({});
        m_wholeTree->hide();
        m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
    });
    connect(&workspace.mutations(), &MutationEngine::changed, this, &GenealogyPage::onEntitiesChanged);

    showPeriodVolumes();
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
}

GenealogyPage::~GenealogyPage() = default;

QList<QAction*> GenealogyPage::editActions() const
{
    return {m_moveAction};
}

void GenealogyPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QString GenealogyPage::summary() const
{
    auto n = m_repository.count();
    return n ? tr("%1 distributors").arg(QLocale().toString(n.value())) : QString();
}

GenealogyTree GenealogyPage::tree() const
{
    return m_model->tree();
}

void GenealogyPage::setTree(GenealogyTree tree)
{
    const int index = tree == GenealogyTree::Sponsor ? 0 : 1;
    if (m_treeChoice->currentIndex() != index)
        m_treeChoice->setCurrentIndex(index); // comes back here through the signal
    if (tree == m_model->tree())
        return;
    const qint64 keep = m_selectedRid;
    m_model->setTree(tree);
    m_chart->setTree(tree);
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    if (keep == 0 || !revealDistributor(keep))
        select(0);
}

bool GenealogyPage::revealDistributor(qint64 rid)
{
    const QModelIndex index = m_model->reveal(rid);
    if (!index.isValid())
        return false;
    m_syncingSelection = true;
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        m_view->expand(up);
    // Deep down a long leg the indentation would push the names out of sight: the view then shows the branch
    // from a few levels above the node; the breadcrumb has the rest, "Whole Tree" goes back to the top.
    QModelIndex focus = index;
    for (int up = 0; up < kFocusLevels && focus.parent().isValid(); ++up)
        focus = focus.parent();
    const bool deep = focus.parent().isValid();
    m_view->setRootIndex(deep ? focus.parent() : QModelIndex());
    m_wholeTree->setVisible(deep);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_syncingSelection = false;
    select(rid);
    return true;
}

void GenealogyPage::select(qint64 rid)
{
    m_selectedRid = rid;
    m_message->clearMessage();
    m_moveAction->setEnabled(rid != 0);
    if (rid == 0) {
        m_breadcrumb->setPath({});
        m_stats->showDistributor(0, QString(), tree());
        return;
    }
    auto path = m_repository.upline(rid, tree());
    if (!path) {
        m_message->showError(path.message());
        return;
    }
    m_breadcrumb->setPath(path.value());
    m_stats->showDistributor(rid, path->isEmpty() ? QString() : path->last().displayName, tree());
    m_chart->reveal(rid);
}

void GenealogyPage::moveSelected()
{
    emit activationRequested();
    if (m_selectedRid == 0)
        return;
    auto d = m_repository.findByRid(m_selectedRid);
    if (!d || !d.value()) {
        m_message->showError(!d ? d.message() : tr("The selected distributor no longer exists."));
        return;
    }
    MoveDistributorDialog dialog(m_repository, m_workspace.mutations(), d.value()->id, d.value()->displayName, tree(),
                                 this);
    dialog.exec();
}

void GenealogyPage::showPeriodVolumes()
{
    m_volumes.clear();
    QSqlDatabase db = m_workspace.database().connection();
    auto period = commissions::CommissionReports::lastCalculated(db);
    if (!period || !period->has_value()) {
        m_view->header()->setToolTip(tr("PV and GV appear once a commission period has been calculated."));
        m_model->setVolumeSource({});
        return;
    }
    const QString periodId = period->value().id;
    m_view->header()->setToolTip(tr("PV and GV of commission period %1, as last calculated.").arg(period->value().name));
    m_model->setVolumeSource([this, periodId](qint64 rid) -> std::optional<GenealogyTreeModel::Volumes> {
        auto known = m_volumes.find(rid);
        if (known == m_volumes.end()) {
            QSqlDatabase conn = m_workspace.database().connection();
            auto read = commissions::CommissionReports::volumes(conn, periodId, rid);
            std::optional<GenealogyTreeModel::Volumes> value; // a failed read shows a dash
            if (read)
                value = GenealogyTreeModel::Volumes{read->pv, read->gv};
            known = m_volumes.insert(rid, value);
        }
        return known.value();
    });
}

void GenealogyPage::onEntitiesChanged(const EntityChanges& changes)
{
    if (std::any_of(changes.begin(), changes.end(),
                    [](const EntityChange& c) { return c.entity == QLatin1String("commission_period"); }))
        showPeriodVolumes();
    const bool genealogy = std::any_of(changes.begin(), changes.end(),
                                       [](const EntityChange& c) { return c.entity == QLatin1String("distributor"); });
    if (!genealogy)
        return;
    const qint64 keep = m_selectedRid;
    m_model->reload();
    m_chart->reload();
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    if (keep == 0 || !revealDistributor(keep))
        select(0);
    emit summaryChanged(summary());
}

void GenealogyPage::exportChart(bool pdf)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, pdf ? tr("Export Org Chart as PDF") : tr("Export Org Chart as PNG"),
        dir + (pdf ? QStringLiteral("/org-chart.pdf") : QStringLiteral("/org-chart.png")),
        pdf ? tr("PDF documents (*.pdf)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = pdf ? m_chart->exportPdf(path, &error) : m_chart->exportPng(path, &error);
    if (ok)
        m_message->showMessage(MessageLabel::Kind::Success, tr("The chart was saved to %1.").arg(path));
    else
        m_message->showError(error);
}

QVariantMap GenealogyPage::viewState(bool forDisk) const
{
    Q_UNUSED(forDisk); // the tree and a distributor id: nothing personal
    QVariantMap state;
    state.insert(QStringLiteral("tree"), genealogyTreeName(tree()));
    if (m_selectedRid != 0) {
        auto d = m_repository.findByRid(m_selectedRid);
        if (d && d.value())
            state.insert(QStringLiteral("selected"), d.value()->id);
    }
    return state;
}

void GenealogyPage::restoreViewState(const QVariantMap& state)
{
    if (auto t = genealogyTreeFromName(state.value(QStringLiteral("tree")).toString()))
        setTree(*t);
    const QString id = state.value(QStringLiteral("selected")).toString();
    if (id.isEmpty())
        return;
    auto d = m_repository.find(id);
    if (d && d.value())
        revealDistributor(d.value()->rid);
}

} // namespace outpost
