#pragma once

#include "genealogy/GenealogyRepository.h"

#include <QLabel>

namespace outpost {

// The upline of the selected distributor as a line of links, root first ("Company › Ana › … › Jo").
// A long upline (a node 200 levels down) shows its first two and last four steps with "…" between;
// the tooltip lists it whole. A click on a step asks to go there.
class UplineBreadcrumb : public QLabel
{
    Q_OBJECT
public:
    static constexpr int kHead = 2;
    static constexpr int kTail = 4;

    explicit UplineBreadcrumb(QWidget* parent = nullptr);

    void setPath(const QList<UplineEntry>& path); // root first, the node itself last
    const QList<UplineEntry>& path() const { return m_path; }

signals:
    void stepActivated(qint64 rid);

private:
    QList<UplineEntry> m_path;
};

} // namespace outpost
