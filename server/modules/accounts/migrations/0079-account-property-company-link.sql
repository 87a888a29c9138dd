-- A property company's account stands for one company (issue 14): its compounds, scores,
-- sanctions and objections come through this link. Its place scope stays what it was (a project
-- manager's compound), so the demands it reads by place do not widen with the link.
ALTER TABLE account ADD COLUMN property_company_id integer REFERENCES property_company (id);
ALTER TABLE account ADD CONSTRAINT account_property_company_id_role_check CHECK (property_company_id IS NULL OR role = 'property_company');
CREATE INDEX account_property_company_id_idx ON account (property_company_id) WHERE property_company_id IS NOT NULL;
