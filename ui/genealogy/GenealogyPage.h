#pragma once

#include "genealogy/GenealogyRepository.h"
#include "genealogy/GenealogyTreeModel.h"
#include "mutations/Mutation.h"
#include "shell/Page.h"

#include <QHash>

#include <optional>

class QAction;
class QComboBox;
class QSplitter;
class QToolButton;
class QTreeView;

namespace outpost {

class DistributorSearchField;
class DownlineStatsPanel;
class MessageLabel;
class OrgChartView;
class UplineBreadcrumb;
class Workspace;

// Genealogy: the sponsor or placement tree as a lazy tree view and as an org chart, search that reveals any
// distributor among a million in both, the selected distributor's upline and downline statistics, and the
// move of a distributor (with its downline) through distributor.move@1.
class GenealogyPage : public Page
{
    Q_OBJECT
public:
    // Levels shown above a revealed node when it is too deep to show the tree from the top.
    static constexpr int kFocusLevels = 6;

    explicit GenealogyPage(Workspace& workspace, QWidget* parent = nullptr);
    ~GenealogyPage() override;

    QList<QAction*> editActions() const override;
    void focusSearch() override;
    QVariantMap viewState(bool forDisk) const override;
    void restoreViewState(const QVariantMap& state) override;
    QString summary() const override;

    GenealogyTree tree() const;
    void setTree(GenealogyTree tree);
    // Shows the distributor everywhere: expands the tree to it and selects it, opens the chart's path to it,
    // and shows its upline and statistics. False when it is not in the tree.
    bool revealDistributor(qint64 rid);
    qint64 selectedRid() const { return m_selectedRid; }

    GenealogyTreeModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_view; }
    OrgChartView* chart() const { return m_chart; }
    UplineBreadcrumb* breadcrumb() const { return m_breadcrumb; }
    DownlineStatsPanel* statistics() const { return m_stats; }
    DistributorSearchField* searchField() const { return m_search; }
    QAction* moveAction() const { return m_moveAction; }

private:
    // Shows `rid` (0 = nothing) in the breadcrumb, the statistics and the chart.
    void select(qint64 rid);
    void moveSelected();
    void exportChart(bool pdf);
    void onEntitiesChanged(const EntityChanges& changes);
    // PV and GV columns from the last calculated commission period (dashes when none).
    void showPeriodVolumes();

    Workspace& m_workspace;
    mutable GenealogyRepository m_repository; // reads only; its methods are not const
    GenealogyTreeModel* m_model;
    QComboBox* m_treeChoice;
    DistributorSearchField* m_search;
    UplineBreadcrumb* m_breadcrumb;
    MessageLabel* m_message;
    QSplitter* m_splitter;
    QTreeView* m_view;
    OrgChartView* m_chart;
    DownlineStatsPanel* m_stats;
    QAction* m_moveAction;
    QToolButton* m_wholeTree;
    qint64 m_selectedRid = 0;
    bool m_syncingSelection = false;
    QHash<qint64, std::optional<GenealogyTreeModel::Volumes>> m_volumes; // of the period shown, by rid
};

} // namespace outpost
