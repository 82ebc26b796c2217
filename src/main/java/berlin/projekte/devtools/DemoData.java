package berlin.projekte.devtools;

import berlin.projekte.accounts.Superusers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The embedded default's demo data ({@code projekte.demo-data=true}): when the database holds no
 * project and no plan at start, it gets the fake-data command's 550 projects, 550 plans and 100
 * external projects (seed 1) and a demo superuser, so the overview and the write API work at once.
 * The demo users are listed in the README. It runs once every bean exists and before the web
 * server opens its port, so nobody sees the overview empty.
 */
@Component
@ConditionalOnProperty(name = "projekte.demo-data", havingValue = "true")
class DemoData implements SmartInitializingSingleton {

    static final String ADMIN = "admin";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcClient jdbc;
    private final FakePopulation fakes;
    private final Superusers superusers;

    DemoData(JdbcClient jdbc, FakePopulation fakes, Superusers superusers) {
        this.jdbc = jdbc;
        this.fakes = fakes;
        this.superusers = superusers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean empty = jdbc.sql("select (select count(*) from project) + (select count(*) from plan)").query(Integer.class).single() == 0;
        if (!empty) {
            return;
        }
        long started = System.nanoTime();
        superusers.createOrResetSuperuser(ADMIN, ADMIN);
        FakePopulation.Counts counts = fakes.ensure(550, 550, 100, 1);
        log.info("empty database: created demo data ({}) and the superuser {}/{} in {} ms", DevtoolsCommand.describe(counts),
                ADMIN, ADMIN, (System.nanoTime() - started) / 1_000_000);
    }
}
