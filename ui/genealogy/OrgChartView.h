#pragma once

#include "genealogy/GenealogyRepository.h"

#include <QGraphicsView>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

class QGraphicsScene;

namespace outpost {

// The graphical org chart of one tree (sponsor or placement). Lazy: it lays out only what the user opened —
// the roots, the children of expanded nodes a page of PageSize at a time ("+N more" loads the next page),
// and the path to a revealed node (its ancestors each show just the path child and a "+N more" stub), so a
// million-node tree costs what is on screen. Click a card to select it, click its ± button to expand or
// collapse; wheel zooms around the pointer, dragging pans; zoomed out, cards are drawn as plain boxes.
class OrgChartView : public QGraphicsView
{
    Q_OBJECT
public:
    static constexpr int PageSize = 24;

    OrgChartView(GenealogyRepository& repository, GenealogyTree tree, QWidget* parent = nullptr);
    ~OrgChartView() override;

    GenealogyTree tree() const { return m_tree; }
    void setTree(GenealogyTree tree);
    // Forgets what was opened and shows the roots again.
    void reload();

    // Opens the path from the root to `rid`, highlights it, selects and centres the node. False if unknown.
    bool reveal(qint64 rid);
    // Expands or collapses a node shown in the chart (loading its first page of children).
    void setExpanded(qint64 rid, bool expanded);
    bool isExpanded(qint64 rid) const;
    // Loads the next page of a shown node's children (the "+N more" card).
    void showMore(qint64 rid);
    qint64 selectedRid() const { return m_selected; }
    // Cards laid out now (for tests and the status line).
    int cardCount() const { return m_cardCount; }

    void zoomBy(qreal factor);
    void fitAll();
    qreal zoom() const;

    // Renders the whole laid-out chart (not just the visible part) to a file.
    bool exportPng(const QString& path, QString* error);
    bool exportPdf(const QString& path, QString* error);

signals:
    void nodeActivated(qint64 rid);
    void loadFailed(const QString& message);

protected:
    void wheelEvent(QWheelEvent* event) override;

private:
    struct ChartNode
    {
        DistributorListRow row;
        ChartNode* parent = nullptr;
        std::vector<std::unique_ptr<ChartNode>> children; // name order
        qint64 childCount = -1;                           // -1 until known
        std::optional<DistributorCursor> pageCursor;      // after the last child loaded by pages
        bool pagesComplete = false;
        bool expanded = false;
        QPointF pos;
        QPointF stubPos; // where "+N more" goes, when some children are not shown
    };
    friend class OrgChartCard;
    friend class OrgChartMoreCard;

    ChartNode* find(qint64 rid) const { return m_byRid.value(rid); }
    std::optional<qint64> parentRidOf(const ChartNode* node) const;
    ChartNode* adopt(ChartNode* parent, DistributorListRow row);
    bool ensureChildCount(ChartNode* node);
    bool loadPage(ChartNode* node);
    void cardClicked(qint64 rid, bool toggle);
    void relayout();
    double place(ChartNode* node, int depth, std::vector<double>* nextFree);
    void shift(ChartNode* node, int depth, double delta, std::vector<double>* nextFree);
    void addItems(ChartNode* node);
    QRectF chartRect() const;

    GenealogyRepository& m_repository;
    GenealogyTree m_tree;
    QGraphicsScene* m_scene;
    std::unique_ptr<ChartNode> m_top; // invisible: its children are the roots
    QHash<qint64, ChartNode*> m_byRid;
    QSet<qint64> m_path; // the highlighted path (root .. revealed node)
    qint64 m_selected = 0;
    int m_cardCount = 0;
};

} // namespace outpost
