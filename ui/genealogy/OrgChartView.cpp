#include "genealogy/OrgChartView.h"

#include "genealogy/GenealogyTreeModel.h"

#include <QApplication>
#include <QFontMetrics>
#include <QGraphicsItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QImage>
#include <QLineF>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace outpost {

namespace {

constexpr qreal kCardWidth = 188;
constexpr qreal kCardHeight = 62;
constexpr qreal kSlotWidth = 208;
constexpr qreal kLevelHeight = 104;
constexpr qreal kToggleRadius = 9;
constexpr qreal kPlainBelow = 0.45; // level of detail under which cards are drawn as plain boxes
constexpr qreal kMaxExportSide = 16000;     // pixels
constexpr qreal kMaxExportPixels = 30e6;    // ~120 MB at 4 bytes a pixel

} // namespace

// One distributor's card: name, rank and status, downline size; a ± button under it when it has children.
class OrgChartCard : public QGraphicsItem
{
public:
    OrgChartCard(OrgChartView* view, const OrgChartView::ChartNode* node, bool onPath, bool selected)
        : m_view(view), m_node(node), m_onPath(onPath), m_selected(selected)
    {
        setPos(node->pos);
        setCursor(Qt::PointingHandCursor);
    }

    QRectF boundingRect() const override
    {
        return QRectF(-kCardWidth / 2 - 2, -2, kCardWidth + 4, kCardHeight + kToggleRadius + 4);
    }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        const QPalette pal = QApplication::palette();
        const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
        const QRectF card(-kCardWidth / 2, 0, kCardWidth, kCardHeight);
        const QColor accent = pal.color(QPalette::Highlight);
        const bool inactive = m_node->row.status != QLatin1String("active");
        QColor fill = m_selected ? accent : pal.color(QPalette::Base);
        if (!m_selected && m_onPath)
            fill = QColor::fromHslF(accent.hslHueF(), 0.5f, pal.color(QPalette::Base).lightnessF() > 0.5 ? 0.92f : 0.25f);
        painter->setRenderHint(QPainter::Antialiasing, lod >= kPlainBelow);
        painter->setPen(QPen(m_onPath || m_selected ? accent : pal.color(QPalette::Mid), m_onPath ? 2.5 : 1.0));
        painter->setBrush(fill);
        if (lod < kPlainBelow) {
            // Zoomed out: solid boxes that stay visible, the path and selection in the accent colour.
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_onPath || m_selected ? accent : pal.color(QPalette::Mid));
            painter->drawRect(card);
            return;
        }
        painter->drawRoundedRect(card, 6, 6);

        const QColor text = m_selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
        QFont bold = painter->font();
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        const QRectF inner = card.adjusted(10, 6, -10, -6);
        painter->drawText(QRectF(inner.left(), inner.top(), inner.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(m_node->row.displayName, Qt::ElideRight, int(inner.width())));
        QFont normal = bold;
        normal.setBold(false);
        painter->setFont(normal);
        QColor secondary = text;
        if (!m_selected)
            secondary = inactive ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Text);
        painter->setPen(secondary);
        const QString rank = m_node->row.rankAchieved.isEmpty() ? OrgChartView::tr("No rank") : m_node->row.rankAchieved;
        const QString line2 = OrgChartView::tr("%1 · %2").arg(rank, GenealogyTreeModel::statusLabel(m_node->row.status));
        const QFontMetrics fm(normal);
        painter->drawText(QRectF(inner.left(), inner.top() + 18, inner.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(line2, Qt::ElideRight, int(inner.width())));
        if (m_node->row.downlineSize > 0) {
            const QString line3 = OrgChartView::tr("%1 in downline").arg(QLocale().toString(m_node->row.downlineSize));
            painter->drawText(QRectF(inner.left(), inner.top() + 34, inner.width(), 16),
                              Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(line3, Qt::ElideRight, int(inner.width())));
        }
        if (m_node->row.hasChildren) {
            const QPointF c(0, kCardHeight);
            painter->setPen(QPen(accent, 1.2));
            painter->setBrush(pal.color(QPalette::Base));
            painter->drawEllipse(c, kToggleRadius, kToggleRadius);
            painter->drawLine(c + QPointF(-4, 0), c + QPointF(4, 0));
            if (!m_node->expanded)
                painter->drawLine(c + QPointF(0, -4), c + QPointF(0, 4));
        }
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override
    {
        const bool toggle = m_node->row.hasChildren
                            && QLineF(event->pos(), QPointF(0, kCardHeight)).length() <= kToggleRadius + 2;
        // Deferred: the click may relayout the scene, which deletes this item.
        const qint64 rid = m_node->row.rid;
        OrgChartView* view = m_view;
        QMetaObject::invokeMethod(view, [view, rid, toggle] { view->cardClicked(rid, toggle); }, Qt::QueuedConnection);
        event->accept();
    }

private:
    OrgChartView* m_view;
    const OrgChartView::ChartNode* m_node;
    bool m_onPath;
    bool m_selected;
};

// "+N more": the children of a node not shown yet; a click loads the next page.
class OrgChartMoreCard : public QGraphicsItem
{
public:
    OrgChartMoreCard(OrgChartView* view, qint64 parentRid, qint64 hidden, QPointF pos)
        : m_view(view), m_parentRid(parentRid), m_hidden(hidden)
    {
        setPos(pos);
        setCursor(Qt::PointingHandCursor);
        setToolTip(OrgChartView::tr("Show more of this distributor's children"));
    }
    QRectF boundingRect() const override { return QRectF(-kCardWidth / 2, 0, kCardWidth, kCardHeight); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        const QPalette pal = QApplication::palette();
        painter->setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
        painter->setBrush(pal.color(QPalette::AlternateBase));
        const QRectF card = boundingRect().adjusted(20, 10, -20, -10);
        painter->drawRoundedRect(card, 6, 6);
        if (option->levelOfDetailFromTransform(painter->worldTransform()) < kPlainBelow)
            return;
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(card, Qt::AlignCenter, OrgChartView::tr("+%1 more").arg(QLocale().toString(m_hidden)));
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override
    {
        const qint64 rid = m_parentRid;
        OrgChartView* view = m_view;
        QMetaObject::invokeMethod(view, [view, rid] { view->showMore(rid); }, Qt::QueuedConnection);
        event->accept();
    }

private:
    OrgChartView* m_view;
    qint64 m_parentRid;
    qint64 m_hidden;
};

OrgChartView::OrgChartView(GenealogyRepository& repository, GenealogyTree tree, QWidget* parent)
    : QGraphicsView(parent), m_repository(repository), m_tree(tree), m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAccessibleName(tr("Org chart"));
    reload();
}

OrgChartView::~OrgChartView()
{
    m_scene->clear(); // the cards point into the nodes
}

void OrgChartView::setTree(GenealogyTree tree)
{
    if (tree == m_tree)
        return;
    m_tree = tree;
    reload();
}

std::optional<qint64> OrgChartView::parentRidOf(const ChartNode* node) const
{
    if (node == m_top.get())
        return std::nullopt;
    return node->row.rid;
}

void OrgChartView::reload()
{
    m_scene->clear();
    m_byRid.clear();
    m_path.clear();
    m_selected = 0;
    m_top = std::make_unique<ChartNode>();
    m_top->expanded = true;
    if (ensureChildCount(m_top.get()))
        loadPage(m_top.get());
    relayout();
}

OrgChartView::ChartNode* OrgChartView::adopt(ChartNode* parent, DistributorListRow row)
{
    if (ChartNode* existing = find(row.rid))
        return existing;
    auto node = std::make_unique<ChartNode>();
    node->row = std::move(row);
    node->parent = parent;
    ChartNode* raw = node.get();
    const auto at = std::lower_bound(parent->children.begin(), parent->children.end(), raw,
                                     [](const std::unique_ptr<ChartNode>& a, const ChartNode* b) {
                                         return std::tie(a->row.sortKey, a->row.rid) < std::tie(b->row.sortKey, b->row.rid);
                                     });
    parent->children.insert(at, std::move(node));
    m_byRid.insert(raw->row.rid, raw);
    return raw;
}

bool OrgChartView::ensureChildCount(ChartNode* node)
{
    if (node->childCount >= 0)
        return true;
    auto n = m_repository.childCount(m_tree, parentRidOf(node));
    if (!n) {
        emit loadFailed(n.message());
        return false;
    }
    node->childCount = n.value();
    return true;
}

bool OrgChartView::loadPage(ChartNode* node)
{
    if (node->pagesComplete)
        return true;
    auto rows = m_repository.children(m_tree, parentRidOf(node), node->pageCursor, PageSize);
    if (!rows) {
        emit loadFailed(rows.message());
        return false;
    }
    if (rows->size() < PageSize)
        node->pagesComplete = true;
    if (!rows->isEmpty())
        node->pageCursor = DistributorCursor{rows->last().sortKey, rows->last().rid};
    for (DistributorListRow& r : rows.value())
        adopt(node, std::move(r));
    return true;
}

bool OrgChartView::isExpanded(qint64 rid) const
{
    const ChartNode* n = find(rid);
    return n && n->expanded;
}

void OrgChartView::setExpanded(qint64 rid, bool expanded)
{
    ChartNode* n = find(rid);
    if (!n || !n->row.hasChildren || n->expanded == expanded)
        return;
    if (expanded) {
        if (!ensureChildCount(n))
            return;
        if (!n->pageCursor && !n->pagesComplete && !loadPage(n))
            return;
    }
    n->expanded = expanded;
    relayout();
}

void OrgChartView::showMore(qint64 rid)
{
    ChartNode* n = rid == 0 ? m_top.get() : find(rid);
    if (!n || !loadPage(n))
        return;
    relayout();
}

void OrgChartView::cardClicked(qint64 rid, bool toggle)
{
    if (toggle) {
        setExpanded(rid, !isExpanded(rid));
        return;
    }
    m_selected = rid;
    relayout();
    emit nodeActivated(rid);
}

bool OrgChartView::reveal(qint64 rid)
{
    auto path = m_repository.upline(rid, m_tree);
    if (!path) {
        emit loadFailed(path.message());
        return false;
    }
    if (path->isEmpty())
        return false;
    ChartNode* parent = m_top.get();
    QSet<qint64> onPath;
    for (const UplineEntry& step : path.value()) {
        ChartNode* node = find(step.rid);
        if (!node) {
            auto row = m_repository.listRow(m_tree, step.rid);
            if (!row || !row.value()) {
                if (!row)
                    emit loadFailed(row.message());
                return false;
            }
            if (!ensureChildCount(parent))
                return false;
            node = adopt(parent, std::move(*row.value()));
        }
        parent->expanded = true;
        onPath.insert(step.rid);
        parent = node;
    }
    m_path = onPath;
    m_selected = rid;
    relayout();
    if (const ChartNode* n = find(rid))
        centerOn(n->pos + QPointF(0, kCardHeight / 2));
    return true;
}

// A layered tidy layout in slot units: each level keeps its next free slot; a parent sits over the middle
// of its shown children (the "+N more" card goes right of them and does not pull the parent), and a subtree
// that would overlap what is already placed on one of its levels is shifted right as a whole. So the path
// to a revealed node stays a vertical line with its "+N more" cards beside it.
double OrgChartView::place(ChartNode* node, int depth, std::vector<double>* nextFree)
{
    if (nextFree->size() <= size_t(depth) + 1)
        nextFree->resize(size_t(depth) + 2, 0.0);
    const bool open = node->expanded && !node->children.empty();
    const qint64 hidden = node->expanded ? std::max<qint64>(0, node->childCount - qint64(node->children.size())) : 0;
    double x = (*nextFree)[size_t(depth)];
    if (open) {
        const double first = place(node->children.front().get(), depth + 1, nextFree);
        double last = first;
        for (size_t i = 1; i < node->children.size(); ++i)
            last = place(node->children[i].get(), depth + 1, nextFree);
        x = (first + last) / 2;
        if (x < (*nextFree)[size_t(depth)]) {
            const double delta = (*nextFree)[size_t(depth)] - x;
            for (const auto& child : node->children)
                shift(child.get(), depth + 1, delta, nextFree);
            x += delta;
        }
    }
    (*nextFree)[size_t(depth)] = x + 1;
    if (hidden > 0) {
        const double lastChild = open ? node->children.back()->pos.x() / kSlotWidth : x - 1;
        const double stub = std::max((*nextFree)[size_t(depth) + 1], lastChild + 1);
        node->stubPos = QPointF(stub * kSlotWidth, depth * kLevelHeight);
        (*nextFree)[size_t(depth) + 1] = stub + 1;
    }
    node->pos = QPointF(x * kSlotWidth, (depth - 1) * kLevelHeight);
    return x;
}

void OrgChartView::shift(ChartNode* node, int depth, double delta, std::vector<double>* nextFree)
{
    node->pos.rx() += delta * kSlotWidth;
    (*nextFree)[size_t(depth)] = std::max((*nextFree)[size_t(depth)], node->pos.x() / kSlotWidth + 1);
    const bool open = node->expanded && !node->children.empty();
    if (open)
        for (const auto& child : node->children)
            shift(child.get(), depth + 1, delta, nextFree);
    if (node->expanded && node->childCount > qint64(node->children.size())) {
        node->stubPos.rx() += delta * kSlotWidth;
        (*nextFree)[size_t(depth) + 1] = std::max((*nextFree)[size_t(depth) + 1], node->stubPos.x() / kSlotWidth + 1);
    }
}

void OrgChartView::addItems(ChartNode* node)
{
    const bool top = node == m_top.get();
    if (!top) {
        m_scene->addItem(new OrgChartCard(this, node, m_path.contains(node->row.rid), node->row.rid == m_selected));
        ++m_cardCount;
    }
    if (!node->expanded)
        return;
    const QPalette pal = QApplication::palette();
    auto edge = [&](QPointF childTop, bool highlighted) {
        if (top)
            return;
        const QPointF from = node->pos + QPointF(0, kCardHeight + kToggleRadius);
        const qreal midY = from.y() + (childTop.y() - from.y()) / 2;
        QPainterPath path(from);
        path.lineTo(from.x(), midY);
        path.lineTo(childTop.x(), midY);
        path.lineTo(childTop);
        auto* item = m_scene->addPath(path, QPen(highlighted ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
                                                 highlighted ? 2.5 : 1.0));
        item->setZValue(-1);
    };
    for (const auto& child : node->children) {
        edge(child->pos, m_path.contains(child->row.rid));
        addItems(child.get());
    }
    const qint64 hidden = std::max<qint64>(0, node->childCount - qint64(node->children.size()));
    if (hidden > 0) {
        edge(node->stubPos + QPointF(0, 10), false);
        m_scene->addItem(new OrgChartMoreCard(this, top ? 0 : node->row.rid, hidden, node->stubPos));
    }
}

void OrgChartView::relayout()
{
    m_scene->clear();
    m_cardCount = 0;
    std::vector<double> nextFree;
    for (const auto& root : m_top->children)
        place(root.get(), 1, &nextFree);
    const qint64 hiddenRoots = std::max<qint64>(0, m_top->childCount - qint64(m_top->children.size()));
    if (hiddenRoots > 0) {
        const double stub = nextFree.empty() ? 0 : nextFree[1];
        m_top->stubPos = QPointF(stub * kSlotWidth, 0);
    }
    addItems(m_top.get());
    m_scene->setSceneRect(chartRect().adjusted(-200, -200, 200, 200));
}

QRectF OrgChartView::chartRect() const
{
    return m_scene->itemsBoundingRect().adjusted(-16, -16, 16, 16);
}

void OrgChartView::wheelEvent(QWheelEvent* event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.2, steps));
    event->accept();
}

void OrgChartView::zoomBy(qreal factor)
{
    const qreal target = std::clamp(zoom() * factor, 0.05, 4.0);
    scale(target / zoom(), target / zoom());
}

qreal OrgChartView::zoom() const
{
    return transform().m11();
}

void OrgChartView::fitAll()
{
    fitInView(chartRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setTransform(QTransform());
}

bool OrgChartView::exportPng(const QString& path, QString* error)
{
    // Sharp (up to 1.5×) but within what image viewers and QImageReader open by default (128 MB).
    const QRectF source = chartRect();
    const qreal scale = std::min({1.5, kMaxExportSide / std::max(source.width(), source.height()),
                                  std::sqrt(kMaxExportPixels / (source.width() * source.height()))});
    QImage image(QSize(int(source.width() * scale), int(source.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        *error = tr("The chart is too large to export as an image; collapse some branches and try again.");
        return false;
    }
    image.fill(QApplication::palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        m_scene->render(&painter, QRectF(image.rect()), source);
    }
    if (!image.save(path, "PNG")) {
        *error = tr("Could not write %1. Check that the folder exists and you may write to it.").arg(path);
        return false;
    }
    return true;
}

bool OrgChartView::exportPdf(const QString& path, QString* error)
{
    const QRectF source = chartRect();
    QPdfWriter writer(path);
    writer.setTitle(tr("Org chart"));
    writer.setResolution(72); // one scene unit = one point
    writer.setPageSize(QPageSize(source.size(), QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF());
    QPainter painter;
    if (!painter.begin(&writer)) {
        *error = tr("Could not write %1. Check that the folder exists and you may write to it.").arg(path);
        return false;
    }
    m_scene->render(&painter, QRectF(0, 0, source.width(), source.height()), source);
    painter.end();
    return true;
}

} // namespace outpost
