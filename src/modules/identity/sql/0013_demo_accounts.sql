-- Demo accounts exist only while DEMO is on; a start with DEMO=0 disables every account marked here.
ALTER TABLE identity_account ADD COLUMN is_demo boolean NOT NULL DEFAULT false;
