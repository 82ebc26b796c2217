-- The periodic transition job: ShedLock's lock table (one instance runs it at a time) and the
-- instant up to which the job has looked, shared by all instances so none misses a window.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp with time zone not null,
    locked_at  timestamp with time zone not null,
    locked_by  varchar(255) not null
);

create table transition_check (
    id         integer not null primary key,
    checked_at timestamp with time zone not null
);
