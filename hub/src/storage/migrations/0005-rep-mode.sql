-- Working mode per rep (SPEC A4); null means their role.
-- Was migration 5 before migrations became numbered files.
alter table reps add column mode text check (mode in ('rep', 'observer', 'admin'));
