#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace outpost {

// Emits idle() once the application has had no keyboard, mouse, wheel or touch input for the timeout.
// Watches through an application event filter that only notes the time of the last input; a single-shot
// timer wakes up when the timeout could have passed and either fires or sleeps for the rest. No polling.
class IdleWatcher : public QObject
{
    Q_OBJECT
public:
    explicit IdleWatcher(QObject* parent = nullptr);
    ~IdleWatcher() override;

    // 0 or less: never idle.
    void setTimeout(qint64 ms);
    qint64 timeout() const { return m_timeoutMs; }

    void start();
    void stop();
    bool isActive() const { return m_active; }

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void check();
    void arm(qint64 ms);

    QTimer m_timer;
    QElapsedTimer m_sinceInput;
    qint64 m_timeoutMs = 0;
    bool m_active = false;
};

} // namespace outpost
