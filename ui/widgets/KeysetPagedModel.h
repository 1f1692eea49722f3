#pragma once

#include "util/Result.h"

#include <QList>
#include <QModelIndex>
#include <QScopedValueRollback>

#include <functional>
#include <optional>

namespace outpost {

// The rows of a list model read a page at a time in a keyset order: each page starts after the last row
// read (by its sort key and rid, say), so the page at any depth costs one indexed query. restart() empties
// the model and reads the first page; canFetchMore()/fetchMore() read the next ones as the view scrolls. A
// page that cannot be read ends the rows there (no retry until the next restart) and is told through
// pageFailed(), where the models emit their loadFailed signal.
//
// `Base` is the Qt model class (QAbstractTableModel, QAbstractListModel); the derived model says how a page
// is read (readPage) and adds its columns and roles.
template <typename Base, typename Row>
class KeysetPagedModel : public Base
{
public:
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    bool canFetchMore(const QModelIndex& parent) const override { return !parent.isValid() && !m_exhausted; }

    void fetchMore(const QModelIndex& parent) override
    {
        // Not while telling listeners of a change: they (QAbstractItemModelTester does) call fetchMore() from
        // modelReset / rowsInserted, and rows inserted then would reach the listeners connected later before
        // the change itself (and the next page would start after rows not yet appended). A view asks again.
        if (parent.isValid() || m_exhausted || m_changing)
            return;
        appendPage(readPage(m_rows.isEmpty() ? nullptr : &m_rows.last(), m_pageSize));
    }

protected:
    explicit KeysetPagedModel(int pageSize, QObject* parent = nullptr) : Base(parent), m_pageSize(pageSize) {}

    // Up to `limit` rows following `after` in the model's order; from the start when `after` is null.
    virtual Result<QList<Row>> readPage(const Row* after, int limit) = 0;
    // A page could not be read (the rows end before it).
    virtual void pageFailed(const QString& message) = 0;
    // fetchMore() read a page (maybe empty) and appended it.
    virtual void pageAppended() {}

    // Empties the model (one reset) and, when `active`, reads the first page; inactive, the model stays
    // empty until the next restart. `inReset` changes the derived model's own state inside the reset.
    // False when the first page could not be read (told through pageFailed() after the reset).
    bool restart(bool active, const std::function<void()>& inReset = {})
    {
        if (!active)
            return show(QList<Row>{}, true, inReset);
        Result<QList<Row>> first = readPage(nullptr, m_pageSize);
        return show(std::move(first), false, inReset);
    }

    // As restart(true), with a first page read elsewhere (on a worker thread, from readPage's query).
    bool restartWith(Result<QList<Row>> first, const std::function<void()>& inReset = {})
    {
        return show(std::move(first), false, inReset);
    }

    // Appends the page following the rows (read here by fetchMore(), or elsewhere from readPage's query); a
    // page that could not be read ends the rows.
    void appendPage(Result<QList<Row>> page)
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        if (!page) {
            m_exhausted = true;
            pageFailed(page.message());
            return;
        }
        m_exhausted = page->size() < m_pageSize;
        if (!page->isEmpty()) {
            const int first = int(m_rows.size());
            this->beginInsertRows({}, first, first + int(page->size()) - 1);
            m_rows.append(std::move(page.value()));
            this->endInsertRows();
        }
        pageAppended();
    }

    const QList<Row>& rows() const { return m_rows; }
    // Telling listeners of a change (see fetchMore()).
    bool changing() const { return m_changing; }
    bool exhausted() const { return m_exhausted; }
    int pageSize() const { return m_pageSize; }

private:
    bool show(Result<QList<Row>> first, bool inactive, const std::function<void()>& inReset)
    {
        {
            const QScopedValueRollback<bool> changing(m_changing, true);
            this->beginResetModel();
            m_rows.clear();
            if (first)
                m_rows = std::move(first.value());
            m_exhausted = inactive || !first || m_rows.size() < m_pageSize;
            if (inReset)
                inReset();
            this->endResetModel();
        }
        if (!first)
            pageFailed(first.message());
        return bool(first);
    }

    const int m_pageSize;
    QList<Row> m_rows;
    bool m_exhausted = true;
    bool m_changing = false; // telling listeners of a change (see fetchMore())
};

// The keyset cursor of the rows after `row` (one with a sortKey and a rid); none (from the start) for null.
template <typename Cursor, typename Row>
std::optional<Cursor> cursorAfter(const Row* row)
{
    return row ? std::optional<Cursor>(Cursor{row->sortKey, row->rid}) : std::nullopt;
}

} // namespace outpost
